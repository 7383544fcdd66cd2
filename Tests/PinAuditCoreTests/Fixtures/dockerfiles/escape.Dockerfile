# escape=`
FROM python:3.12.7-windowsservercore
RUN pip install `
    pywin32==306
USER ContainerUser
