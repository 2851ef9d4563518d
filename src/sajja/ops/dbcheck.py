"""`python -m sajja.ops.dbcheck URL`: exit 0 if the PostgreSQL server at URL answers, 1 otherwise."""

import sys

import dj_database_url
import psycopg


def answers(url: str) -> bool:
    cfg = dj_database_url.parse(url)
    try:
        with psycopg.connect(
            host=cfg["HOST"],
            port=cfg["PORT"] or 5432,
            user=cfg["USER"],
            password=cfg["PASSWORD"] or None,
            dbname="postgres",
            connect_timeout=3,
        ):
            return True
    except psycopg.OperationalError as exc:
        print(f"PostgreSQL: {exc}".strip(), file=sys.stderr)
        return False


if __name__ == "__main__":
    sys.exit(0 if answers(sys.argv[1]) else 1)
