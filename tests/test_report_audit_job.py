"""The report audit upload answers at once: the files go to restricted storage and a job reads them (each in the
document layer's limited child), while the result page shows the job's progress and then the findings."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core import jobs
from gongkai.core.demo import DEMO_PASSWORD
from gongkai.core.models import Job, JobState

pytestmark = pytest.mark.django_db

REPORT = ("示范市发展和改革委员会2025年政府信息公开工作年度报告\n"
          "四、政府信息公开行政复议、行政诉讼情况\n").encode()


def test_upload_returns_at_once_and_the_result_follows_the_job(client, demo_city, settings):
    settings.JOBS_RUN_AFTER_COMMIT = "OFF"
    client.post("/staff/login/", {"username": "fgw_handler", "password": DEMO_PASSWORD})
    response = client.post("/reports/audit/", {"files": [SimpleUploadedFile("a.txt", REPORT),
                                                         SimpleUploadedFile("b.txt", "不是年度报告".encode())]})
    assert response.status_code == 302
    result_url = response["Location"]
    waiting = client.get(result_url)
    assert waiting.status_code == 202 and "正在读取和核对报告" in waiting.content.decode()
    assert '<meta http-equiv="refresh"' in waiting.content.decode()
    assert client.get(result_url + "findings.xlsx").status_code == 404
    assert jobs.work() == 1
    job = Job.objects.get(kind="reports.audit_upload")
    assert (job.state, job.done, job.total) == (JobState.DONE, 2, 2)
    done = client.get(result_url)
    assert done.status_code == 200 and "年度报告审核结果" in done.content.decode() and "a.txt" in done.content.decode()
    assert client.get(result_url + "findings.xlsx").status_code == 200


def test_only_the_uploader_follows_the_progress(client, demo_city, settings):
    settings.JOBS_RUN_AFTER_COMMIT = "OFF"
    client.post("/staff/login/", {"username": "fgw_handler", "password": DEMO_PASSWORD})
    url = client.post("/reports/audit/", {"files": [SimpleUploadedFile("a.txt", REPORT)]})["Location"]
    client.post("/staff/logout/")
    client.post("/staff/login/", {"username": "jyj_handler", "password": DEMO_PASSWORD})
    assert client.get(url).status_code == 403
