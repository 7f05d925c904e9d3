"""Copies a Redis RDB snapshot to S3-compatible object storage and enforces its retention.

Runs in the redis-backup CronJob after `redis-cli --rdb` wrote the snapshot (the redis image has
no S3 client; this container's image has boto3 for barman-cloud). Settings (environment):
  RDB_FILE              snapshot to upload (default /backup/dump.rdb)
  RDB_DESTINATION       s3://bucket/prefix the copies go under (required)
  RDB_SERVER_NAME       name of the Redis, a folder under the prefix (required)
  RDB_RETENTION_DAYS    copies older than this are deleted; the newest is always kept (required)
  RDB_ENDPOINT_URL      S3 endpoint for non-AWS object stores (default: AWS)
  RDB_CREDENTIALS_DIR   files ACCESS_KEY_ID / ACCESS_SECRET_KEY (default: the environment, IRSA)
  RDB_NOW               the current time as an ISO instant (tests; default: now)
Keys are <prefix>/redis/<name>/dump-YYYYMMDDTHHMMSSZ.rdb: the age comes from the key, so
retention does not depend on the store's modification times.
"""

import datetime
import os
import re
import sys

import boto3

KEY = re.compile(r"dump-(\d{8}T\d{6}Z)\.rdb$")


def credentials():
    directory = os.environ.get("RDB_CREDENTIALS_DIR")
    if not directory:
        return {}
    read = lambda name: open(os.path.join(directory, name)).read().strip()  # noqa: E731
    return {"aws_access_key_id": read("ACCESS_KEY_ID"), "aws_secret_access_key": read("ACCESS_SECRET_KEY")}


def main():
    path = os.environ.get("RDB_FILE", "/backup/dump.rdb")
    match = re.match(r"^s3://([^/]+)/?(.*)$", os.environ["RDB_DESTINATION"])
    if not match:
        sys.exit("RDB_DESTINATION must look like s3://bucket/prefix")
    bucket, prefix = match.group(1), match.group(2).strip("/")
    folder = "/".join(p for p in (prefix, "redis", os.environ["RDB_SERVER_NAME"]) if p) + "/"
    retention = datetime.timedelta(days=int(os.environ["RDB_RETENTION_DAYS"]))
    now = datetime.datetime.fromisoformat(os.environ.get("RDB_NOW", "").replace("Z", "+00:00") or
                                          datetime.datetime.now(datetime.timezone.utc).isoformat())

    with open(path, "rb") as f:
        head = f.read(5)
    size = os.path.getsize(path)
    # An RDB file starts with the magic "REDIS": anything else is a failed dump, not a backup.
    if head != b"REDIS":
        sys.exit(f"{path} is not an RDB snapshot ({size} bytes)")

    s3 = boto3.client("s3", endpoint_url=os.environ.get("RDB_ENDPOINT_URL") or None, **credentials())
    key = f"{folder}dump-{now.strftime('%Y%m%dT%H%M%SZ')}.rdb"
    s3.upload_file(path, bucket, key)
    print(f"copied {size} bytes to s3://{bucket}/{key}")

    copies = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=folder):
        for obj in page.get("Contents", []):
            m = KEY.search(obj["Key"])
            if m:
                taken = datetime.datetime.strptime(m.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
                copies.append((taken, obj["Key"]))
    copies.sort()
    expired = [k for taken, k in copies[:-1] if now - taken > retention]
    for k in expired:
        s3.delete_object(Bucket=bucket, Key=k)
    print(f"kept {len(copies) - len(expired)} copies, deleted {len(expired)} older than {retention.days} days")


if __name__ == "__main__":
    main()
