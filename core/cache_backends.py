"""django-redis, made safe to share a Redis database.

django-redis' `clear()` empties the whole Redis database (FLUSHDB): the other cache of this site, with the quote
limit and the login lockout counters, and any other program's keys in it. Here `clear()` deletes only the keys
under this cache's own prefix and version, in batches (SCAN, never KEYS, so Redis is not blocked).
"""

from django_redis.cache import RedisCache


class PrefixedRedisCache(RedisCache):
    def clear(self):
        self.delete_pattern("*", itersize=1000)
