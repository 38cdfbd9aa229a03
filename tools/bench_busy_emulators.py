"""The outside systems of the busy-day benchmark as one process on 127.0.0.1.

Starts the MikoPBX emulator of the tests (industrial_miko/tools/miko_emulator.py, REST
API v3 for the CDR pull) and the 1C OData emulator (industrial_1c_sync/tests/onec_server.py),
both loaded by path, writes their URLs as JSON to the file given as argument, and serves
until killed. Every minute the exchange gets CDR records of the calls the load sends live,
as the real exchange would list them, so the CDR pull merges into calls that exist.
"""
import importlib.util
import json
import os
import sys
import time
from datetime import datetime, timedelta

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def load(name, *parts):
    spec = importlib.util.spec_from_file_location(name, os.path.join(ROOT, "addons", *parts))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


miko = load("miko_emulator", "industrial_miko", "tools", "miko_emulator.py")
onec = load("onec_server", "industrial_1c_sync", "tests", "onec_server.py")

pbx = miko.FakeMikoPbx()
one_c = onec.OneCServer(timeout_delay=0.5).start()
for i in range(20):
    one_c.add("Catalog_Контрагенты", Description=f"ООО Бенч {i}", ИНН="77%08d" % i)
with open(sys.argv[1], "w") as out:
    json.dump({"pbx_url": pbx.url, "pbx_api_key": miko.API_KEY, "onec_url": one_c.base_url,
               "onec_user": one_c.user, "onec_password": one_c.password}, out)
print(f"emulators: MikoPBX {pbx.url}, 1C {one_c.base_url}", flush=True)
# the CDR of calls placed by the load: numbers 1 000 000 + k, one leg per minute of history
k = 0
while True:
    now = datetime.utcnow() + timedelta(hours=3)
    for _i in range(20):
        k += 1
        pbx.records.append(miko.cdr_record(f"mikopbx-cdr.{k}",
                                           (now - timedelta(seconds=k % 50)).strftime("%Y-%m-%d %H:%M:%S"),
                                           "8916%07d" % (1000000 + k), "201"))
    time.sleep(60)
