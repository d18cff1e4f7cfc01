import shlex
import subprocess


def compressed_size(filename):
    path = shlex.quote("/var/data/" + filename)
    return int(subprocess.check_output(f"gzip -c {path} | wc -c", shell=True))
