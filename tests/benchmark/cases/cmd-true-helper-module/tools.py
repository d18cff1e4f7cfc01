import subprocess


def compressed_size(filename):
    command = "gzip -c /var/data/%s | wc -c" % filename
    return int(subprocess.check_output(command, shell=True))
