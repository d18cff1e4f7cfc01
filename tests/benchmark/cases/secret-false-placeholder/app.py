# Benchmark case (false): placeholder values in a settings module, overridden from the environment
import settings


def handler(event, context):
    return {"configured": settings.API_KEY != "<your-api-key>"}
