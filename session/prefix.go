package session

import "sort"

// minPrefix is the shortest ID prefix ls shows: shorter ones would have to
// grow as soon as the next conversation is made.
const minPrefix = 4

// uniquePrefixes returns, for every ID, the shortest prefix (at least
// minPrefix characters) that no other ID shares: the same as the ID's
// longest common prefix with its neighbours in sorted order, plus one.
func uniquePrefixes(ids []string) map[string]string {
	sorted := append([]string(nil), ids...)
	sort.Strings(sorted)
	out := make(map[string]string, len(ids))
	for i, id := range sorted {
		n := minPrefix
		if i > 0 {
			n = max(n, commonPrefix(id, sorted[i-1])+1)
		}
		if i+1 < len(sorted) {
			n = max(n, commonPrefix(id, sorted[i+1])+1)
		}
		out[id] = id[:min(n, len(id))]
	}
	return out
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
