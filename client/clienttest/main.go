package clienttest

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
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
  no-models         GET /models answers 404`

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

// scriptFromFlags builds the script and options that the -fault list asks
// for on top of a plain stream of text.
func scriptFromFlags(text string, tokens int, delay time.Duration, faults string) (Script, []Option, error) {
	stream := Stream{Tokens: Split(text, tokens)}
	var (
		opts    []Option
		mods    []func(*Response)
		fixed   *Response // replaces the stream entirely
		demo    bool
		missing int
		stallN  = -1
		eol     LineEnding
	)
	set := func(r Response) { fixed = &r }
	for f := range strings.SplitSeq(faults, ",") {
		name, arg, hasArg := strings.Cut(strings.TrimSpace(f), ":")
		num := func() (int, error) {
			n, err := strconv.Atoi(arg)
			if err != nil || n < 0 {
				return 0, fmt.Errorf("fault %s needs a count, got %q", name, arg)
			}
			return n, nil
		}
		dur := func() (time.Duration, error) {
			d, err := time.ParseDuration(arg)
			if err != nil || d <= 0 {
				return 0, fmt.Errorf("fault %s needs a duration, got %q", name, arg)
			}
			return d, nil
		}
		var err error
		switch name {
		case "", "none":
		case "demo":
			demo = true
		case "hostile":
			stream.Tokens = HostileTokens
		case "hostile-escaped":
			stream.Tokens, stream.EscapeAll = HostileTokens, true
		case "hostile-error":
			set(HostileError())
		case "drop":
			var n int
			if n, err = num(); err == nil && n == 0 {
				err = errors.New("fault drop needs a count above 0; use hangup to send nothing")
			}
			mods = append(mods, func(r *Response) { r.DropAfter = n })
		case "hangup", "reset":
			reset := name == "reset"
			mods = append(mods, func(r *Response) { r.Hangup, r.Reset = true, reset })
		case "stall":
			stallN = 0
			if hasArg {
				stallN, err = num()
			}
		case "keepalive":
			var d time.Duration
			d, err = dur()
			set(KeepAliveOnly(d))
		case "slow-headers":
			var d time.Duration
			d, err = dur()
			mods = append(mods, func(r *Response) { r.HeaderDelay = d })
		case "model-missing":
			missing, err = num()
		case "429":
			set(TooManyRequests(arg))
		case "503":
			set(Unavailable(arg))
		case "quota":
			set(QuotaExceeded())
		case "html502":
			set(BadGatewayHTML())
		case "json-error-200":
			set(JSONError(200, "The server had an error while processing your request.", "server_error", ""))
		case "no-role":
			stream.NoRole = true
		case "no-finish":
			stream.NoFinish = true
		case "no-done":
			stream.NoDone = true
		case "lf":
			eol = LF
		case "crlf":
			eol = CRLF
		case "cr":
			eol = CR
		case "split":
			var n int
			if n, err = num(); err == nil && n == 0 {
				err = errors.New("fault split needs a count above 0")
			}
			mods = append(mods, func(r *Response) { r.SplitWrites = n })
		case "no-models":
			opts = append(opts, WithModels())
		default:
			err = fmt.Errorf("unknown fault %q (run with -h for the list)", name)
		}
		if err != nil {
			return nil, nil, err
		}
	}

	if stallN >= 0 {
		stream.Tokens = stream.Tokens[:min(stallN, len(stream.Tokens))]
		stream.NoFinish, stream.NoDone = true, true
		mods = append(mods, func(r *Response) { r.Stall = true })
	}
	demoScript := Demo()
	script := func(_ int, r *Recorded) Response {
		var resp Response
		switch {
		case fixed != nil:
			resp = *fixed
		case demo:
			resp = demoScript(0, r)
		default:
			s := stream
			if s.Model == "" {
				s.Model = r.Chat.Model
			}
			resp = s.Response()
			resp.Delay = delay
		}
		if eol != "" {
			resp.LineEnding = eol
		}
		return resp.With(mods...)
	}
	if missing > 0 {
		return ModelMissingFirst(missing, script), opts, nil
	}
	return script, opts, nil
}
