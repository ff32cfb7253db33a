package exact

import "sync"

// cacheEntries bounds a Cache: past it the cache starts again empty,
// which costs one recount of the history in use.
const cacheEntries = 4096

// Cache remembers the counts of texts it has counted, so that a history
// whose messages do not change costs a map look-up per message, not a
// count, each time it is measured. The zero value is ready; it is safe
// for concurrent use.
type Cache struct {
	mu     sync.Mutex
	counts map[string]int
}

// Count is Count(text), remembered.
func (c *Cache) Count(text string) int {
	c.mu.Lock()
	n, ok := c.counts[text]
	c.mu.Unlock()
	if ok {
		return n
	}
	n = Count(text)
	c.mu.Lock()
	if c.counts == nil || len(c.counts) >= cacheEntries {
		c.counts = make(map[string]int)
	}
	c.counts[text] = n
	c.mu.Unlock()
	return n
}
