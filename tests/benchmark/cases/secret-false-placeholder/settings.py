import os

API_KEY = os.environ.get("PARTNER_API_KEY", "<your-api-key>")
DB_PASSWORD = os.environ.get("DB_PASSWORD", "changeme")
