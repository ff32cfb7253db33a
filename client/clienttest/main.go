package clienttest

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// Main runs a server configured by command-line flags until SIGINT or
// SIGTERM (or, with -stdin, until standard input reaches EOF) and returns
// the process exit code. A test helper binary is just
//
//	func main() { os.Exit(clienttest.Main(os.Args[1:])) }
//
// Run it with -h for the flags and the list of faults.
func Main(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return run(ctx, args, os.Stdin, os.Stdout, os.Stderr)
}

const faultHelp = `Faults, comma-separated, combined in order:
  demo              canned Markdown replies at a realistic pace (ignores -text)
  hostile           content with escape sequences, C1 and bidi controls, raw UTF-8
  hostile-escaped   the same, every non-ASCII character \u-escaped
  hostile-error     a 500 with raw escape sequences in a text/plain body
  drop:N            cut the connection after N bytes of body
  hangup            close the connection without any response
  reset             like hangup, with a TCP reset
  stall[:N]         send N tokens (default 0), then nothing until the client leaves
  keepalive:D       send only ": keep-alive" comments, every D
  slow-headers:D    wait D before the status line
  model-missing:N   answer the first N requests with Lockchat's 404 model_not_found
  429[:S] 503[:S]   rate limit or overload with Retry-After S (seconds or a date)
  quota             OpenAI's 429 insufficient_quota
  html502           a proxy's HTML 502 page
  json-error-200    a bare JSON error object with status 200
  no-role no-finish no-done   leave out that part of the stream
  lf crlf cr        line ending of the stream (default lf)
  split:N           flush every N bytes, so reads end mid-line
  no-models         GET /models answers 404
  reasoning         reason first (DefaultReasoning) in delta.reasoning_content
  reasoning-field   the same in delta.reasoning
  think-tags        the same in the content, between <think> and </think>
  think-close       the same in the content, then </think> with no opening tag
  usage             end with a usage chunk when the request asks for one
  refuse-stream-options   answer requests with stream_options with Mistral's 422`

// run is Main with its environment passed in, so tests can drive it.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("clienttest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "listen `address`")
	text := fs.String("text", DefaultText, "reply `text`")
	tokens := fs.Int("tokens", 4, "runes per streamed token")
	delay := fs.Duration("delay", 0, "pause before each streamed event")
	faults := fs.String("fault", "", "comma-separated `faults` (see below)")
	models := fs.String("models", "gpt-4,gpt-3.5-turbo", "comma-separated model `ids` for GET /models")
	base := fs.String("base-path", "/v1", "API path `prefix`")
	auth := fs.String("auth", "", "require this `token` (?auth= or Bearer)")
	printURL := fs.Bool("print-url", false, "print the base URL on stdout once listening")
	watchStdin := fs.Bool("stdin", false, "exit when standard input reaches EOF")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: clienttest [flags]\n\nRuns a fake OpenAI-compatible server.\n\nFlags:")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "\n"+faultHelp)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "clienttest: unexpected argument %q\n", fs.Arg(0))
		return 2
	}

	script, opts, err := scriptFromFlags(*text, *tokens, *delay, *faults)
	if err != nil {
		fmt.Fprintf(stderr, "clienttest: %v\n", err)
		return 2
	}
	var ids []string
	if *models != "" {
		ids = strings.Split(*models, ",")
	}
	opts = append([]Option{WithAddr(*addr), WithBasePath(*base), WithAuth(*auth), WithModels(ids...),
		WithScript(script)}, opts...)
	s, err := New(opts...)
	if err != nil {
		fmt.Fprintf(stderr, "clienttest: %v\n", err)
		return 1
	}
	defer s.Close()
	if *printURL {
		fmt.Fprintln(stdout, s.URL)
	} else {
		fmt.Fprintf(stderr, "clienttest: serving on %s\n", s.URL)
	}

	if *watchStdin {
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx)
		defer cancel()
		// This goroutine may stay blocked in Read after run returns; Main
		// returns to exit the process anyway.
		go func() {
			_, _ = io.Copy(io.Discard, stdin)
			cancel()
		}()
	}
	<-ctx.Done()
	return 0
}
