"""Screenshots of the main screens for the README, taken from a running `make run`.

python3 tools/screenshots.py [http://localhost:8069] [database]
Drives Debian's headless Chromium over the DevTools protocol (websocket-client).
"""
import base64
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
import xmlrpc.client

import websocket

URL = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8069"
DB = sys.argv[2] if len(sys.argv) > 2 else "industrial"
OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "docs", "screenshots")
SHOTS = [
    # one per role, each on the screen it lands on after login (None: the manager's deal)
    ("dispatcher.png", "dispatcher", "/odoo"),
    ("head.png", "head_hv", "/odoo"),
    ("manager.png", "manager_hv", "/odoo"),
    ("deal.png", "manager_hv", None),
    ("marketer.png", "marketer", "/odoo"),
    ("director.png", "director", "/odoo"),
    ("production.png", "production", "/odoo/action-industrial_production_link.action_industrial_sale_production"),
    ("task_discipline.png", "head_hv", "/odoo/action-industrial_crm.industrial_activity_report_action"),
    ("funnel.png", "director", "/odoo/action-industrial_crm.industrial_funnel_report_action"),
    ("engineer.png", "engineer", "/odoo"),
    ("accountant.png", "accountant", "/odoo"),
    ("approvals.png", "head_hv", "/odoo/action-industrial_approval.sale_order_action_to_approve"),
    ("call_statistics.png", "head_hv", "/odoo/action-industrial_miko.action_industrial_call_report"),
]


def session_for(login):
    request = urllib.request.Request(
        f"{URL}/web/session/authenticate",
        data=json.dumps({"params": {"db": DB, "login": login, "password": login}}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and value.startswith("session_id="):
                return value.split(";")[0].split("=", 1)[1]
    raise RuntimeError(f"cannot log in as {login}")


def deal_url():
    common = xmlrpc.client.ServerProxy(f"{URL}/xmlrpc/2/common")
    uid = common.authenticate(DB, "manager_hv", "manager_hv", {})
    models = xmlrpc.client.ServerProxy(f"{URL}/xmlrpc/2/object")
    ids = models.execute_kw(DB, uid, "manager_hv", "crm.lead", "search",
                            [[("type", "=", "opportunity"), ("stage_id.industrial_code", "=", "commissioning")]],
                            {"limit": 1})
    return f"/odoo/action-crm.crm_lead_action_pipeline/{ids[0]}"


def main():
    os.makedirs(OUT, exist_ok=True)
    profile = tempfile.mkdtemp()
    browser = subprocess.Popen([
        "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--remote-debugging-port=9333", "--window-size=1440,900",
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(50):
            try:
                targets = json.load(urllib.request.urlopen("http://127.0.0.1:9333/json", timeout=2))
                page = next(t for t in targets if t["type"] == "page")
                break
            except Exception:  # noqa: BLE001 - the browser is still starting
                time.sleep(0.2)
        ws = websocket.create_connection(page["webSocketDebuggerUrl"], suppress_origin=True)
        counter = iter(range(1, 10**6))

        def send(method, **params):
            message_id = next(counter)
            ws.send(json.dumps({"id": message_id, "method": method, "params": params}))
            while True:
                answer = json.loads(ws.recv())
                if answer.get("id") == message_id:
                    return answer.get("result", {})

        send("Emulation.setDeviceMetricsOverride", width=1440, height=900, deviceScaleFactor=1, mobile=False)
        for name, login, path in SHOTS:
            send("Network.enable")
            send("Network.clearBrowserCookies")
            host = URL.split("//", 1)[1].split(":")[0]
            send("Network.setCookie", name="session_id", value=session_for(login), domain=host, path="/")
            send("Page.navigate", url=URL + (path or deal_url()))
            time.sleep(10)
            shot = send("Page.captureScreenshot", format="png")
            with open(os.path.join(OUT, name), "wb") as image:
                image.write(base64.b64decode(shot["data"]))
            print("wrote", os.path.join(OUT, name))
        ws.close()
    finally:
        browser.terminate()


if __name__ == "__main__":
    main()
