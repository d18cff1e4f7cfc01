# Benchmark case (true): async fetch with aiohttp of a query string URL
import asyncio

import aiohttp


async def fetch(url):
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return await response.text()


def handler(event, context):
    target = event["queryStringParameters"]["target"]
    return {"statusCode": 200, "body": asyncio.run(fetch(target))[:200]}
