ARG PYTHON_VERSION=3.12
ARG VARIANT
FROM --platform=linux/amd64 python:${PYTHON_VERSION}-slim AS build
ENV PIP_CONSTRAINT=/build/constraints.txt
COPY constraints.txt requirements.txt /build/
RUN pip install -r /build/requirements.txt

FROM build AS test
RUN pip install pytest

FROM docker.io/library/python:${VARIANT:-3.12.4}-alpine3.20
COPY --from=build /build /build
COPY . .
RUN PIP_NO_CACHE_DIR=1 python3 -m pip install -e . flask==3.0.3 ./dist/app.whl
USER root
