#!/bin/bash
# DEV ONLY. Runs once, when the PostgreSQL data volume is first initialised (docker-entrypoint-initdb.d):
# one login role and one database per service, named and passworded from the services' own
# savepoint-db-* Secrets (env set in statefulset.yaml), so the two sides always agree.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v metadata_user="$METADATA_DB_USER" -v metadata_password="$METADATA_DB_PASSWORD" \
  -v storage_user="$STORAGE_DB_USER" -v storage_password="$STORAGE_DB_PASSWORD" <<'SQL'
CREATE ROLE :"metadata_user" LOGIN PASSWORD :'metadata_password';
CREATE DATABASE savepoint_metadata OWNER :"metadata_user";
CREATE ROLE :"storage_user" LOGIN PASSWORD :'storage_password';
CREATE DATABASE savepoint_storage OWNER :"storage_user";
SQL
