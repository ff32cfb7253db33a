package markdown

import (
	"strings"
)

// Glamour lays tables out with lipgloss's table, which shrinks a table
// wider than the screen column by column toward each column's median cell
// width, not counting the header, and never wraps a header: a header word
// longer than most of its column's cells is cut ("Colu…") while other
// columns still have room, and short cells are split mid-word. Glamour has
// no hook for the column widths, so a table that does not fit is rewritten
// in the markdown before glamour sees it: its column widths are chosen here
// (see tablefit.go), and every cell narrower than its column is padded to
// the column's width with non-breaking spaces, which show as blanks. Then
// lipgloss's narrowest allowed width for each column, the width of its
// narrowest cell, is the width chosen, and the widths chosen fill the
// screen exactly, so lipgloss can shrink no column below them.
//
// Only top-level tables are rewritten: a table inside a list or a quote is
// narrower by an indent that is not worked out here.

// mdTable is a table found in markdown text.
type mdTable struct {
	start, end int        // byte offsets of its header line and of the line after its last row
	delim      int        // byte offset of the delimiter row
	align      []byte     // per column: 'l', 'c', 'r' or 0 for none
	rows       [][]string // the header's cells, then each row's, trimmed, as in the source
}

// findTables appends to dst the top-level tables of md, in order, with
// their rows not parsed yet (see parse).
func findTables(dst []mdTable, md string) []mdTable {
	out := dst
	var fc fence
	inFence, container, prevBlank := false, false, true
	var prev string
	prevAt := 0
	for at := 0; at < len(md); {
		line, next := lineAt(md, at)
		indent, body := splitIndent(line)
		blank := strings.TrimSpace(line) == ""
		switch {
		case inFence:
			inFence = !fc.closedBy(line)
		case blank:
			container = false
		case indent < 4:
			if f, ok := openFence(body); ok {
				f.indent = indent
				fc, inFence = f, true
			} else if prevBlank && (body[0] == '>' || isListItem(body)) {
				container = true
			} else if !container && !prevBlank && indent == 0 && strings.HasPrefix(prev, "|") {
				if t, ok := tableAt(md, prevAt, at, next); ok {
					out = append(out, t)
					at, prev, prevBlank = t.end, "", true
					continue
				}
			}
		}
		prev, prevAt, prevBlank = line, at, blank || inFence
		at = next
	}
	return out
}

// lineAt returns the line of md that starts at at, without its line feed,
// and the offset of the next line.
func lineAt(md string, at int) (string, int) {
	i := strings.IndexByte(md[at:], '\n')
	if i < 0 {
		return md[at:], len(md)
	}
	return strings.TrimSuffix(md[at:at+i], "\r"), at + i + 1
}

// tableAt returns the table whose header line starts at head and whose
// delimiter row is the line at delim, if it is one.
func tableAt(md string, head, delim, next int) (mdTable, bool) {
	dl, _ := lineAt(md, delim)
	hl, _ := lineAt(md, head)
	if n, ok := delimiterCells(dl); !ok || n != countCells(hl) {
		return mdTable{}, false
	}
	at := next
	for at < len(md) {
		line, after := lineAt(md, at)
		if endsTable(line) {
			break
		}
		at = after
	}
	return mdTable{start: head, delim: delim, end: at}, true
}

// parse fills in the table's alignments and cells.
func (t *mdTable) parse(md string) {
	dl, next := lineAt(md, t.delim)
	t.align, _ = parseDelimiter(dl)
	hl, _ := lineAt(md, t.start)
	t.rows = [][]string{splitCells(hl)}
	for at := next; at < t.end; {
		line, after := lineAt(md, at)
		t.rows = append(t.rows, splitCells(line))
		at = after
	}
}

// endsTable reports whether line ends a table: a blank line or the start
// of a block that interrupts a paragraph.
func endsTable(line string) bool {
	indent, body := splitIndent(line)
	if body == "" {
		return true
	}
	if indent >= 4 {
		return false
	}
	if _, ok := openFence(body); ok {
		return true
	}
	return strings.IndexByte("#><", body[0]) >= 0 || isListItem(body)
}

// delimiterCells reports whether line is a table's delimiter row,
// "| --- | :-: | --: |", and returns its number of cells.
func delimiterCells(line string) (int, bool) {
	n := 0
	for rest := trimRow(line); ; n++ {
		c, more, ok := nextCell(rest)
		if !ok {
			return n, n > 0
		}
		dashes := strings.TrimSuffix(strings.TrimPrefix(c, ":"), ":")
		if dashes == "" || strings.Trim(dashes, "-") != "" {
			return 0, false
		}
		rest = more
	}
}

// countCells returns the number of cells of a table row.
func countCells(line string) int {
	n := 0
	for rest := trimRow(line); ; n++ {
		_, more, ok := nextCell(rest)
		if !ok {
			return n
		}
		rest = more
	}
}

// parseDelimiter parses a table's delimiter row, "| --- | :-: | --: |".
func parseDelimiter(line string) ([]byte, bool) {
	cells := splitCells(line)
	if len(cells) == 0 {
		return nil, false
	}
	align := make([]byte, len(cells))
	for i, c := range cells {
		left, right := strings.HasPrefix(c, ":"), strings.HasSuffix(c, ":")
		dashes := strings.Trim(c, ":")
		if dashes == "" || strings.Trim(dashes, "-") != "" {
			return nil, false
		}
		switch {
		case left && right:
			align[i] = 'c'
		case left:
			align[i] = 'l'
		case right:
			align[i] = 'r'
		}
	}
	return align, true
}

// splitCells splits a table row into its trimmed cells the way goldmark
// does: at every pipe not escaped by a backslash, without a pipe at either
// end.
func splitCells(line string) []string {
	var cells []string
	for rest := trimRow(line); ; {
		c, more, ok := nextCell(rest)
		if !ok {
			return cells
		}
		cells = append(cells, c)
		rest = more
	}
}

// trimRow returns a table row without the blanks and the pipe at either
// end.
func trimRow(line string) string {
	line = strings.Trim(line, " \t")
	line = strings.TrimPrefix(line, "|")
	return strings.TrimSuffix(line, "|")
}

// nextCell returns the first cell of a trimmed row, trimmed, and the cells
// after it; false when there are none. Like goldmark, it finds no cell
// after a pipe that ends the row.
func nextCell(row string) (cell, rest string, ok bool) {
	if row == "" {
		return "", "", false
	}
	for i := 0; i < len(row); i++ {
		if row[i] == '|' && (i == 0 || row[i-1] != '\\') {
			return strings.Trim(row[:i], " \t"), row[i+1:], true
		}
	}
	return strings.Trim(row, " \t"), "", true
}
