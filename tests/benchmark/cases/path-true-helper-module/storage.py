REPORT_DIR = "/mnt/reports"


def read_report(name):
    with open(REPORT_DIR + "/" + name, encoding="utf-8") as handle:
        return handle.read()
