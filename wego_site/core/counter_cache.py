# ruff: noqa: S608 - the names are the cache table's, quoted; every value is a parameter
"""The rate limits' cache without Redis: Django's DatabaseCache, with counters that take
one statement each and are counted atomically.

django-ratelimit counts with `add` then `incr` (or `get`). Django's DatabaseCache does
`incr` as a read then a write, so two workers counting at once can both write the same
number and one count is lost; and every write first counts the table's rows, then may
cull (delete a third of the entries, live counters included, which resets limits). Here
an integer is stored as its digits, so that:

- `add` is one INSERT … ON CONFLICT that takes the key only when it is missing or expired
  (and neither writes nor locks when it is live);
- `incr` is one UPDATE … RETURNING that adds in the database, under the row's lock, and
  keeps the key's expiry (as Redis's INCR does);
- `get` reads the digits back as the integer (other values stay pickled, as DatabaseCache
  stores them, so the API's throttle keeps its lists here);
- no write culls: making a new counter first deletes the expired rows instead, so the table
  holds only live counters and no live counter is dropped.

On PostgreSQL the table is UNLOGGED (`unlog_tables`, after every `migrate`): a count then
waits for no disk flush (nor does one in Redis). Like Redis without persistence, which
docs/deployment.md sets up past one machine, it forgets its counts only if the database
server crashes (a clean restart keeps them).

PostgreSQL and SQLite (3.35+) run these statements; another database gets DatabaseCache's
own behaviour.
"""

import base64
import pickle
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, models, router
from django.utils.timezone import now as tz_now

COUNTING_VENDORS = ("postgresql", "sqlite")
INTEGER_TEXT = r"^-?[0-9]+$"


def is_counter(value):
    return type(value) is int


class CounterDatabaseCache(DatabaseCache):
    """A DatabaseCache whose integers are counters the database adds to."""

    def _connection(self, write):
        route = router.db_for_write if write else router.db_for_read
        connection = connections[route(self.cache_model_class)]
        # UPDATE/INSERT … RETURNING: SQLite has it from 3.35.
        counting = (
            connection.vendor in COUNTING_VENDORS
            and connection.features.can_return_columns_from_insert
        )
        return connection, counting

    def _names(self, connection):
        quote = connection.ops.quote_name
        return quote(self._table), quote("cache_key"), quote("value"), quote("expires")

    @staticmethod
    def _now(connection):
        return connection.ops.adapt_datetimefield_value(tz_now().replace(microsecond=0))

    def _expiry(self, connection, timeout):
        timeout = self.get_backend_timeout(timeout)
        if timeout is None:
            expires = datetime.max
        else:
            expires = datetime.fromtimestamp(timeout, tz=UTC if settings.USE_TZ else None)
        return connection.ops.adapt_datetimefield_value(expires.replace(microsecond=0))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        connection, counting = self._connection(write=True)
        if not (counting and is_counter(value)) or timeout == 0:
            return super().add(key, value, timeout, version)
        key = self.make_and_validate_key(key, version=version)
        table, key_column, value_column, expires_column = self._names(connection)
        now = self._now(connection)
        with connection.cursor() as cursor:
            # A live key is left as it is without locking it (which would write to the
            # log); a missing one is inserted; an expired one is replaced.
            cursor.execute(
                f"INSERT INTO {table} ({key_column}, {value_column}, {expires_column}) "
                f"SELECT %s, %s, %s WHERE NOT EXISTS (SELECT 1 FROM {table} "
                f"WHERE {key_column} = %s AND {expires_column} >= %s) "
                f"ON CONFLICT ({key_column}) DO UPDATE SET "
                f"{value_column} = EXCLUDED.{value_column}, "
                f"{expires_column} = EXCLUDED.{expires_column} "
                f"WHERE {table}.{expires_column} < %s RETURNING {key_column}",
                [key, str(value), self._expiry(connection, timeout), key, now, now],
            )
            added = cursor.fetchone() is not None
            if added:
                cursor.execute(f"DELETE FROM {table} WHERE {expires_column} < %s", [now])
        return added

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        connection, counting = self._connection(write=True)
        if not (counting and is_counter(value)):
            return super().set(key, value, timeout, version)
        key = self.make_and_validate_key(key, version=version)
        table, key_column, value_column, expires_column = self._names(connection)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({key_column}, {value_column}, {expires_column}) "
                f"VALUES (%s, %s, %s) ON CONFLICT ({key_column}) DO UPDATE SET "
                f"{value_column} = EXCLUDED.{value_column}, "
                f"{expires_column} = EXCLUDED.{expires_column}",
                [key, str(value), self._expiry(connection, timeout)],
            )

    def incr(self, key, delta=1, version=None):
        connection, counting = self._connection(write=True)
        if not counting:
            return super().incr(key, delta, version)
        db_key = self.make_and_validate_key(key, version=version)
        table, key_column, value_column, expires_column = self._names(connection)
        regex = connection.operators["regex"]
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {value_column} = "
                f"CAST(CAST({value_column} AS BIGINT) + %s AS TEXT) "
                f"WHERE {key_column} = %s AND {expires_column} >= %s "
                f"AND {value_column} {regex} RETURNING {value_column}",
                [delta, db_key, self._now(connection), INTEGER_TEXT],
            )
            row = cursor.fetchone()
        if row is None:
            # Missing (ValueError), expired, or a value stored pickled: Django's way.
            return super().incr(key, delta, version)
        return int(row[0])

    def get_many(self, keys, version=None):
        """DatabaseCache.get_many, reading a counter's digits as an integer."""
        if not keys:
            return {}
        key_map = {self.make_and_validate_key(key, version=version): key for key in keys}
        connection, _ = self._connection(write=False)
        table, key_column, value_column, expires_column = self._names(connection)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {key_column}, {value_column}, {expires_column} FROM {table} "
                f"WHERE {key_column} IN ({', '.join(['%s'] * len(key_map))})",
                list(key_map),
            )
            rows = cursor.fetchall()
        expression = models.Expression(output_field=models.DateTimeField())
        converters = connection.ops.get_db_converters(expression) + expression.get_db_converters(
            connection
        )
        result, expired_keys = {}, []
        for key, value, expires in rows:
            for converter in converters:
                expires = converter(expires, expression, connection)
            if expires < tz_now():
                expired_keys.append(key)
            else:
                result[key_map[key]] = self._decode(connection.ops.process_clob(value))
        self._base_delete_many(expired_keys)
        return result

    @staticmethod
    def _decode(value):
        # DatabaseCache's pickles start with the protocol byte (base64 "g…"), never a digit.
        if value[:1].isdigit() or value[:1] == "-":
            return int(value)
        return pickle.loads(base64.b64decode(value.encode()))  # noqa: S301 - our own rows


def unlog_tables(using):
    """Make the tables of the counter caches on database `using` UNLOGGED (PostgreSQL)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    for alias in settings.CACHES:
        cache = caches[alias]
        if not isinstance(cache, CounterDatabaseCache):
            continue
        if not router.allow_migrate_model(using, cache.cache_model_class):
            continue
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relpersistence FROM pg_class WHERE oid = to_regclass(%s)",
                [connection.ops.quote_name(cache._table)],
            )
            row = cursor.fetchone()
            if row and row[0] == "p":
                cursor.execute(
                    f"ALTER TABLE {connection.ops.quote_name(cache._table)} SET UNLOGGED"
                )
