# Benchmark case (true): base64 request body opened as a zip and every member extracted by name
import base64
import io
import zipfile


def handler(event, context):
    archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(event["body"])))
    for member in archive.namelist():
        with open("/tmp/unzipped/" + member, "wb") as handle:
            handle.write(archive.read(member))
    return {"statusCode": 200}
