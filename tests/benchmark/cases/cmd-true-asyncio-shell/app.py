# Benchmark case (true): async handler passes a header value to asyncio.create_subprocess_shell
import asyncio


async def _run(event):
    branch = event["headers"]["x-branch"]
    proc = await asyncio.create_subprocess_shell(
        f"git log -1 {branch}", stdout=asyncio.subprocess.PIPE
    )
    out, _ = await proc.communicate()
    return out.decode()


def handler(event, context):
    return {"statusCode": 200, "body": asyncio.run(_run(event))}
