package clienttest

import (
	"strings"
	"time"
)

// DemoReply is one canned answer of the demo corpus.
type DemoReply struct {
	// Keywords select the reply when one of them appears in the last user
	// message, as a case-insensitive substring.
	Keywords []string
	// Text is the reply, in Markdown.
	Text string
	// Reasoning is what the thinking model (DemoThinkingModel) thinks
	// before it gives Text.
	Reasoning string
}

// DemoThinkingModel is the demo's reasoning model: it streams its
// reasoning in delta.reasoning_content, as DeepSeek does, for a few
// seconds before the answer.
const DemoThinkingModel = "deepseek-r1"

// DemoCorpus returns the demo replies: Markdown with headings, lists, a
// table, code in Go and Python and a long answer. It returns a new slice on
// every call.
func DemoCorpus() []DemoReply {
	return []DemoReply{
		{Keywords: []string{"hello", "hi ", "hey", "help"}, Text: demoWelcome, Reasoning: demoWelcomeThought},
		{Keywords: []string{"go ", "golang", "goroutine", "channel"}, Text: demoGo, Reasoning: demoGoThought},
		{Keywords: []string{"python", "script", "csv"}, Text: demoPython, Reasoning: demoPythonThought},
		{Keywords: []string{"table", "compare", "difference", " vs"}, Text: demoTable, Reasoning: demoTableThought},
		{Keywords: []string{"long", "explain", "history", "essay"}, Text: demoLong, Reasoning: demoLongThought},
	}
}

// Demo returns a script that answers like a plausible assistant: it picks
// the corpus reply whose keyword appears in the last user message, or the
// next one in turn, and streams it in 4-character tokens every 10 to 20 ms.
// For DemoThinkingModel the reasoning comes first, the same way. When the
// request asks for usage (stream_options.include_usage), a usage chunk
// ends the stream. It backs lockchat's demo mode.
func Demo() Script {
	corpus := DemoCorpus()
	next := 0
	return func(_ int, r *Recorded) Response {
		reply := pickDemo(corpus, r.LastUser())
		if reply < 0 {
			reply = next % len(corpus)
			next++
		}
		s := Stream{Tokens: Split(corpus[reply].Text, 4), Model: r.Chat.Model}
		if r.Chat.Model == DemoThinkingModel {
			s.Reasoning = Split(corpus[reply].Reasoning, 4)
		}
		if r.WantsUsage() {
			s.Usage = &Usage{PromptTokens: demoPromptTokens(r), CompletionTokens: len(s.Reasoning) + len(s.Tokens)}
		}
		return paced(s.Response())
	}
}

// demoPromptTokens counts the prompt as a tokenizer roughly would: a token
// per four bytes of every message.
func demoPromptTokens(r *Recorded) int {
	n := 0
	for _, m := range r.Chat.Messages {
		n += (len(m.Content) + 3) / 4
	}
	return n
}

// pickDemo returns the index of the first reply with a keyword in msg, or
// -1. A space is appended to msg so that keywords ending in a space also
// match at its end.
func pickDemo(corpus []DemoReply, msg string) int {
	msg = strings.ToLower(msg) + " "
	for i, d := range corpus {
		for _, k := range d.Keywords {
			if strings.Contains(msg, k) {
				return i
			}
		}
	}
	return -1
}

// DemoResponse streams text at a realistic pace: 4-character tokens, each
// after a pause of 10 to 20 ms that varies from token to token but is the
// same on every run.
func DemoResponse(text, model string) Response {
	return paced(Stream{Tokens: Split(text, 4), Model: model}.Response())
}

// paced gives every event of resp the demo's pause.
func paced(resp Response) Response {
	var x uint32 = 2463534242
	for i := range resp.Events {
		// xorshift: cheap, deterministic jitter.
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		resp.Events[i].Delay = 10*time.Millisecond + time.Duration(x%11)*time.Millisecond
	}
	return resp
}

const demoWelcome = "# Welcome to lockchat\n\n" +
	"This is **demo mode**: the replies come from a built-in server, so nothing leaves your machine.\n\n" +
	"Things to try:\n\n" +
	"1. Ask about *Go* or *Python* to see highlighted code.\n" +
	"2. Ask for a **table** or a **comparison**.\n" +
	"3. Ask for something **long** and scroll while it streams.\n\n" +
	"Useful keys:\n\n" +
	"- `Enter` sends, `Ctrl+J` starts a new line\n" +
	"- `Esc` stops a reply that is still streaming\n" +
	"- `PgUp` / `PgDn` scroll the conversation\n\n" +
	"> Tip: every reply is saved, so you can come back to this conversation later.\n"

const demoGo = "## Fanning out work in Go\n\n" +
	"A bounded worker pool keeps at most `n` goroutines busy and stops early when the context is cancelled:\n\n" +
	"```go\n" +
	"package main\n\n" +
	"import (\n" +
	"\t\"context\"\n" +
	"\t\"fmt\"\n" +
	"\t\"sync\"\n" +
	")\n\n" +
	"func process(ctx context.Context, jobs []string, n int) []string {\n" +
	"\tresults := make([]string, len(jobs))\n" +
	"\tsem := make(chan struct{}, n)\n" +
	"\tvar wg sync.WaitGroup\n" +
	"\tfor i, job := range jobs {\n" +
	"\t\tselect {\n" +
	"\t\tcase sem <- struct{}{}:\n" +
	"\t\tcase <-ctx.Done():\n" +
	"\t\t\twg.Wait()\n" +
	"\t\t\treturn results\n" +
	"\t\t}\n" +
	"\t\twg.Go(func() {\n" +
	"\t\t\tdefer func() { <-sem }()\n" +
	"\t\t\tresults[i] = fmt.Sprintf(\"done: %s\", job)\n" +
	"\t\t})\n" +
	"\t}\n" +
	"\twg.Wait()\n" +
	"\treturn results\n" +
	"}\n" +
	"```\n\n" +
	"Why it works:\n\n" +
	"- The buffered channel `sem` is a counting semaphore.\n" +
	"- Each goroutine writes only its own slot of `results`, so no mutex is needed.\n" +
	"- `wg.Wait()` runs on every path, so no goroutine outlives the call.\n"

const demoPython = "## Summing a CSV column in Python\n\n" +
	"The standard library is enough; `csv.DictReader` gives you rows keyed by header:\n\n" +
	"```python\n" +
	"import csv\n" +
	"from collections import defaultdict\n" +
	"from pathlib import Path\n\n\n" +
	"def totals(path: Path, key: str, value: str) -> dict[str, float]:\n" +
	"    \"\"\"Sum the column `value` for each distinct `key`.\"\"\"\n" +
	"    sums: dict[str, float] = defaultdict(float)\n" +
	"    with path.open(newline=\"\", encoding=\"utf-8\") as f:\n" +
	"        for row in csv.DictReader(f):\n" +
	"            try:\n" +
	"                sums[row[key]] += float(row[value])\n" +
	"            except (KeyError, ValueError):\n" +
	"                continue  # skip malformed rows\n" +
	"    return dict(sums)\n\n\n" +
	"if __name__ == \"__main__\":\n" +
	"    for name, total in sorted(totals(Path(\"sales.csv\"), \"region\", \"amount\").items()):\n" +
	"        print(f\"{name:<12} {total:>10.2f}\")\n" +
	"```\n\n" +
	"Run it with `python3 totals.py`. For files of several gigabytes, the same loop works because " +
	"`DictReader` streams rows instead of loading the whole file.\n"

const demoTable = "## SQLite, PostgreSQL and DuckDB at a glance\n\n" +
	"| | SQLite | PostgreSQL | DuckDB |\n" +
	"|---|---|---|---|\n" +
	"| Runs as | a library in your process | a server | a library in your process |\n" +
	"| Best at | small apps, local state | concurrent writes, large teams | analytics over big files |\n" +
	"| Storage | one file | a data directory | one file, or Parquet/CSV directly |\n" +
	"| Concurrency | one writer at a time | many writers (MVCC) | one writer, parallel reads |\n" +
	"| Setup | none | a service to run and back up | none |\n\n" +
	"**Rule of thumb:** start with SQLite; move to PostgreSQL when several machines must write, " +
	"and reach for DuckDB when the question is *\"summarise these 50 million rows\"*.\n"

const demoLong = "# A short history of the terminal\n\n" +
	"## Teletypes\n\n" +
	"The first computer terminals were **teleprinters**: electric typewriters wired to a line. " +
	"Every character the machine sent was printed on paper, which is why we still say *print* " +
	"for writing to the screen and why the carriage return and line feed are two separate characters: " +
	"one moved the print head back to the left margin, the other advanced the paper.\n\n" +
	"## Glass teletypes\n\n" +
	"In the 1970s, video display terminals replaced paper with a screen. Early models behaved exactly " +
	"like teleprinters, but soon vendors added ways to move the cursor, clear the screen and highlight " +
	"text. Each vendor invented its own codes, and programs had to know which terminal they talked to.\n\n" +
	"## Escape sequences\n\n" +
	"The DEC VT100 (1978) followed the new ANSI X3.64 standard: control functions start with the *escape* " +
	"character followed by `[` and end with a letter. `ESC [ 2 J` clears the screen; `ESC [ 1 m` turns on " +
	"bold. The VT100 sold so well that its dialect became the common ground every terminal emulator still " +
	"speaks today.\n\n" +
	"That power has a cost: any program that prints untrusted text can move the cursor, change the window " +
	"title or, in modern emulators, write to the clipboard. A careful chat client therefore shows control " +
	"characters instead of obeying them.\n\n" +
	"## Terminal emulators\n\n" +
	"With the workstation and the personal computer, the terminal became a program:\n\n" +
	"1. `xterm` (1984) for the X Window System, still the reference for many extensions.\n" +
	"2. Console emulators in every Unix, and later in Windows Terminal.\n" +
	"3. GPU-accelerated emulators such as Alacritty, kitty and WezTerm, which add true colour, " +
	"ligatures, images and better keyboard reporting.\n\n" +
	"## Why it still matters\n\n" +
	"The terminal survives because it is *composable*: text in, text out, and every program can talk " +
	"to every other. Modern terminal applications add mouse support, colours and layouts on top of the " +
	"same byte stream the VT100 understood.\n\n" +
	"### Further reading\n\n" +
	"- The VT100 user guide, chapter 3, *Programmer information*\n" +
	"- ECMA-48, *Control functions for coded character sets*\n" +
	"- The xterm control sequences document by Thomas Dickey\n"

const demoWelcomeThought = "The user is greeting me, and this is the demo, so the most useful answer is a short " +
	"welcome that says what demo mode is and what to try next. I should mention that nothing leaves the " +
	"machine, list a few prompts that show off code, tables and long replies, and give the keys they need " +
	"first: sending, a new line, stopping a reply and scrolling. A tip about saved conversations is a nice end."

const demoGoThought = "They want to see Go. A bounded worker pool is a good example: it shows goroutines, a " +
	"buffered channel used as a semaphore, a WaitGroup and cancellation through a context. I need to make sure " +
	"no goroutine outlives the function, so every path must wait. Each goroutine writes only its own slot of " +
	"the results slice, so there is no need for a mutex. Then a short list of why it works."

const demoPythonThought = "A CSV question. The standard library's csv.DictReader is enough and keeps the example " +
	"dependency-free. Summing one column per key needs a defaultdict(float). Malformed rows should be skipped, " +
	"not crash the script, so catch KeyError and ValueError. Opening with newline=\"\" is what the csv module " +
	"asks for. I'll add a note that it streams rows, so large files are fine."

const demoTableThought = "They asked for a comparison, so a table fits. SQLite, PostgreSQL and DuckDB cover the " +
	"usual choices: embedded, server and analytical. The rows that matter are how each runs, what it is best " +
	"at, storage, concurrency and setup. A one-line rule of thumb after the table makes it actionable."

const demoLongThought = "A long explanation about terminals. I'll go in order: teletypes and why CR and LF are " +
	"two characters, glass teletypes and vendor codes, the VT100 and ANSI escape sequences, then emulators. " +
	"It is worth saying why untrusted text must not be printed raw, since escape sequences can do more than " +
	"colour text. Headings for each era, a numbered list of emulators and some further reading at the end."
