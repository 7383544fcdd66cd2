FROM python
RUN ["pip", "install", "click==8.1.7"]
RUN poetry install --no-root && pipenv install --deploy
CMD ["python", "-m", "app"]
