# Benchmark case (false): SQS data is serialised with pickle.dumps (writing, not reading)
import pickle

import boto3

s3 = boto3.client("s3")


def handler(event, context):
    batch = [record["body"] for record in event["Records"]]
    s3.put_object(Bucket="archive-bucket", Key="batch.pkl", Body=pickle.dumps(batch))
