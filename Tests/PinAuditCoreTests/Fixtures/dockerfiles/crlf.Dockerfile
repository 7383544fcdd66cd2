FROM python:3.13.1-slim-bookworm@sha256:0123456789abcdef
WORKDIR /app
COPY requirements.txt .
RUN pip install \
    -r requirements.txt
USER app
