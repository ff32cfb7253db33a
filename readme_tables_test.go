package main

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeTablesAreTables: every table in README.md has a delimiter row
// and rows with as many cells as its header. GitHub renders a table
// whose delimiter row counts other cells as plain text.
func TestReadmeTablesAreTables(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	header, fence := 0, false
	for i, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "```") {
			fence = !fence
		}
		if fence || !strings.HasPrefix(line, "|") {
			header = 0
			continue
		}
		n := tableCells(line)
		switch {
		case header == 0:
			header = n
		case n != header:
			t.Errorf("README.md line %d has %d cells; its table's header has %d: %s", i+1, n, header, line)
		}
	}
}

// tableCells counts the cells of a table row. Only an escaped pipe is
// not a border: GitHub splits cells at a pipe inside a code span too.
func tableCells(row string) int {
	row = strings.ReplaceAll(row, `\|`, "")
	return strings.Count(strings.Trim(row, " "), "|") - 1
}
