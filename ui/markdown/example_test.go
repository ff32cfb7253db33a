package markdown_test

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/lockchat/lockchat/ui/markdown"
)

// A reply is appended token by token and rendered once per frame; the final
// lines equal a full render and can be cached with the finished message.
func ExampleStream() {
	r, err := markdown.NewRenderer(40, markdown.ThemeDark)
	if err != nil {
		panic(err)
	}
	s := markdown.NewStream(r)
	for _, tok := range []string{"## Hel", "lo\n\nSome **bo", "ld** text.\n"} {
		s.Append(tok)
		if _, _, err := s.Split(); err != nil { // one frame
			panic(err)
		}
	}
	lines, err := s.Finish()
	if err != nil {
		panic(err)
	}
	for _, l := range lines {
		fmt.Println(strings.TrimRight(ansi.Strip(l), " ") + "|")
	}
	// Output:
	// |
	//   ## Hello|
	// |
	//   Some bold text.|
	// |
}
