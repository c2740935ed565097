"""The test kit's server and browser helpers under their old name (see :mod:`testkit`)."""

from testkit.browser import (
    ARTIFACTS,
    CHROMIUM_ARGS,
    LOCAL_HOSTS,
    OutsideRequests,
    PageWatch,
    block_outside,
    chromium,
    chromium_path,
    is_local,
    pick_option,
    wait_for_app,
    wait_until_still,
)
from testkit.server import ROOT, ServerURL, app_server, app_tree, free_port

__all__ = [
    "ARTIFACTS",
    "CHROMIUM_ARGS",
    "LOCAL_HOSTS",
    "ROOT",
    "OutsideRequests",
    "PageWatch",
    "ServerURL",
    "app_server",
    "app_tree",
    "block_outside",
    "chromium",
    "chromium_path",
    "free_port",
    "is_local",
    "pick_option",
    "wait_for_app",
    "wait_until_still",
]
