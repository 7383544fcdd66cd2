FROM python:3.12.7-slim-bookworm
RUN <<EOF
set -e
pip install --no-cache-dir requests==2.32.3
python -m pip install "httpx[http2]>=0.27"
EOF
RUN <<-"INSTALL" bash
	uv pip install --system rich==13.7.1
	INSTALL
RUN cat <<EOF > /etc/pip.conf
[global]
pip install notapackage
EOF
USER app
