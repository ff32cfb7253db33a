// Command demoserver serves lockchat's demo replies, as lockchat --demo
// does, for the README pictures: it prints its base URL, pauses each reply
// after the text given with -pause-after, so that a picture taken
// mid-stream shows the same text on every run, and exits when standard
// input closes.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/lockchat/lockchat/client/clienttest"
)

func main() {
	marker := flag.String("pause-after", "", "pause each reply once it has sent `TEXT`")
	pause := flag.Duration("pause", 20*time.Second, "how long the pause lasts")
	flag.Parse()
	srv, err := clienttest.New(
		clienttest.WithScript(clienttest.PauseAfter(*marker, *pause, clienttest.Demo())),
		// The models lockchat --demo lists.
		clienttest.WithModels("gpt-4", "gpt-3.5-turbo", "gpt-4o", "gpt-4o-mini", "llama3.2", "qwen2.5-coder:7b"))
	if err != nil {
		fmt.Fprintf(os.Stderr, "demoserver: %v\n", err)
		os.Exit(1)
	}
	fmt.Println(srv.URL)
	_, _ = io.Copy(io.Discard, os.Stdin)
	srv.Close()
}
