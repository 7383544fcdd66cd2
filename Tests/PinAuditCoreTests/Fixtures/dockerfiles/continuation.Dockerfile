FROM python:3.11.9-slim-bookworm
WORKDIR /srv
COPY requirements/ ./requirements/
RUN apt-get update \
 && pip3.11 install \
      --index-url https://index.example/simple \
      -U --target /opt/libs \
      # a comment inside the continuation
      six==1.16.0 \
      -r requirements/base.txt \
    && /usr/local/bin/pip install -c requirements/constraints.txt attrs; echo done | tee log
USER 10001
EXPOSE 80 8080/tcp
