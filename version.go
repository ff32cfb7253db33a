package main

import (
	"regexp"
	"runtime/debug"
	"strings"
)

// pseudoVersion matches the version Go makes up for an untagged commit
// (v0.0.0-20261201084843-cda18fe1a978+dirty): the commit says it better.
var pseudoVersion = regexp.MustCompile(`\d{14}-[0-9a-f]{12}`)

// versionString names the build: the version, commit and date the
// release sets with -ldflags, or else what the Go toolchain recorded in
// the binary (a go install of a tagged module gives its version; a go
// build in a clone gives the commit, its time and whether the tree had
// changes).
func versionString() string {
	info, _ := debug.ReadBuildInfo()
	return describeBuild(version, commit, date, info)
}

func describeBuild(version, commit, date string, info *debug.BuildInfo) string {
	if info != nil {
		if v := info.Main.Version; version == "dev" && v != "" && v != "(devel)" && !pseudoVersion.MatchString(v) {
			version = strings.TrimPrefix(info.Main.Version, "v")
		}
		settings := map[string]string{}
		for _, s := range info.Settings {
			settings[s.Key] = s.Value
		}
		if commit == "" && settings["vcs.revision"] != "" {
			commit = settings["vcs.revision"]
			if len(commit) > 12 {
				commit = commit[:12]
			}
			if settings["vcs.modified"] == "true" {
				commit += ", modified"
			}
		}
		if date == "" {
			date = settings["vcs.time"]
		}
	}
	v := version
	if commit != "" && commit != "none" {
		v += " (" + commit
		if date != "" {
			v += ", " + date
		}
		v += ")"
	}
	return v
}
