package markdown

import "strings"

// Glamour moves the links of a table cell to a list under the table and
// leaves in the cell the link's text or, for an autolink, the domain of its
// URL: for an e-mail address, "mailto:name@host", that is empty, so a cell
// that holds a bare address shows nothing of it. Written as a link whose
// text is the address, it shows in its cell like any other link.

// linkTableMail returns md with the bare e-mail addresses, "name@host" or
// "<name@host>", in the cells of its top-level tables written as links,
// outside code spans.
func linkTableMail(md string) string {
	if !strings.Contains(md, "@") || !strings.Contains(md, "|") {
		return md
	}
	var b strings.Builder
	done := 0
	for _, t := range findTables(nil, md) {
		for at := t.start; at < t.end; {
			line, next := lineAt(md, at)
			code := false
			for i := 0; i < len(line); i++ {
				switch {
				case line[i] == '`':
					code = !code
					for i+1 < len(line) && line[i+1] == '`' {
						i++
					}
				case line[i] == '@' && !code:
					j, k, ok := mailAround(line, i)
					if !ok {
						continue
					}
					addr := strings.Trim(line[j:k], "<>")
					b.WriteString(md[done : at+j])
					b.WriteString("[" + addr + "](mailto:" + addr + ")")
					done, i = at+k, k-1
				}
			}
			at = next
		}
	}
	if done == 0 {
		return md
	}
	b.WriteString(md[done:])
	return b.String()
}

// mailAround returns the bounds of the bare e-mail address whose '@' is
// line[i], its angle brackets included, if it has any. An address must
// stand apart: not inside a URL such as https://user@host, a link's text
// or its destination.
func mailAround(line string, i int) (int, int, bool) {
	j := i
	for j > 0 && isMailLocal(line[j-1]) {
		j--
	}
	k := i + 1
	for k < len(line) && (isAlnum(line[k]) || line[k] == '-' || line[k] == '.') {
		k++
	}
	for k > i+1 && line[k-1] == '.' {
		k--
	}
	domain := line[i+1 : k]
	if j == i || !strings.Contains(domain, ".") || domain[0] == '.' {
		return 0, 0, false
	}
	if j > 0 && line[j-1] == '<' && k < len(line) && line[k] == '>' {
		return j - 1, k + 1, true
	}
	before := j == 0 || strings.IndexByte(" \t|,;(", line[j-1]) >= 0
	after := k == len(line) || strings.IndexByte(" \t|,;.)", line[k]) >= 0
	return j, k, before && after
}

func isMailLocal(c byte) bool {
	return isAlnum(c) || strings.IndexByte("._%+-", c) >= 0
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
