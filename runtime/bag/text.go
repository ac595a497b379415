package bag

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode"
)

// texts are the texts Text gives, one file each.
//
//go:embed texts/*.txt
var texts embed.FS

// TextNames are the names of the texts that Text gives.
func TextNames() []string {
	files, _ := fs.Glob(texts, "texts/*.txt")
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = strings.TrimSuffix(path.Base(f), ".txt")
	}
	return names
}

// Text is one of the English texts the package ships for word counts, by
// name (see TextNames): "kitchen" is a short story of about 550 words,
// written for this package and free to use, on sharing work in a kitchen.
func Text(name string) (string, error) {
	b, err := texts.ReadFile("texts/" + name + ".txt")
	if err != nil {
		return "", fmt.Errorf("bag: Text: no text named %q: the texts are %s", name, strings.Join(TextNames(), ", "))
	}
	return string(b), nil
}

// Words splits s into its words, lower-cased: runs of letters and digits,
// with apostrophes inside a word kept ("other's"). Map(bag.Words) of a bag
// of lines, flattened, is a bag of words.
func Words(s string) []string {
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’'
	})
	words := fields[:0]
	for _, f := range fields {
		if f = strings.Trim(f, "'’"); f != "" {
			words = append(words, strings.ToLower(f))
		}
	}
	return words
}

// ReadText is the bag of the lines, without their line endings, of the
// files that pattern matches (as filepath.Glob matches, in name order),
// one partition per file, read when the bag is computed, as dask's
// read_text.
func ReadText(pattern string) *Bag {
	files, err := filepath.Glob(pattern)
	switch {
	case err != nil:
		return broken(fmt.Errorf("bag: ReadText: %w", err))
	case len(files) == 0:
		return broken(fmt.Errorf("bag: ReadText: no file matches %q", pattern))
	}
	parts := make([]any, len(files))
	for i, f := range files {
		parts[i] = f
	}
	in := &node{kind: kindSource, name: "files", op: "ReadText", nparts: len(parts), parts: parts}
	return then(in, "read-text", "ReadText", readLines)
}

// readLines is the step that reads the file named p into its lines.
func readLines(t *task, p any, _ bool) (any, error) {
	b, err := os.ReadFile(p.(string))
	if err != nil {
		return nil, fmt.Errorf("bag: ReadText: partition %d: %w", t.part, err)
	}
	s := strings.TrimSuffix(string(b), "\n")
	if s == "" {
		return []string{}, nil
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines, nil
}
