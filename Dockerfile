# refcheck serve in a container: `docker build -t refcheck .` then
# `docker run -p 8000:8000 -v refcheck-data:/data refcheck` (docs/serve.md).
FROM python:3.12-slim
RUN useradd --create-home --uid 10001 refcheck && mkdir /data && chown refcheck /data
WORKDIR /app
COPY pyproject.toml README.md LICENSE ./
COPY refcheck ./refcheck
RUN pip install --no-cache-dir '.[serve]'
USER refcheck
ENV REFCHECK_DATA_DIR=/data
VOLUME /data
EXPOSE 8000
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
ENTRYPOINT ["refcheck"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]
