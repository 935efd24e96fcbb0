"""gongkai serve [--host 127.0.0.1] [--port 8000]: a production WSGI server (waitress) with static files."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "启动 Web 服务（waitress）"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host, port, threads, **opts):
        from django.core.wsgi import get_wsgi_application
        from waitress import serve

        from gongkai.core.startup import prepare

        prepare()   # the var directory and the secret key every worker thread signs with
        application = get_wsgi_application()
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"gongkai 正在运行：http://{host}:{port}/  （Ctrl+C 停止）")
        serve(application, host=host, port=port, threads=threads, ident="gongkai")
