// libxml2's HTML parser on its own, over pages already decoded to UTF-8: the DOM parse
// (htmlCtxtReadMemory + xmlFreeDoc, the options HTMLDocument uses) and the SAX parse with empty
// start/end/characters callbacks (its tokenizer and recovery without building a tree). Prints the
// time per page of each, three rounds. Used by libxml2-parse-bench.sh; see HTMLTreeBuilder.swift
// for why the crawler's extraction path does not use libxml2.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static long events;
static void on_start(void *c, const xmlChar *n, const xmlChar **a) { (void)c; (void)n; (void)a; events++; }
static void on_end(void *c, const xmlChar *n) { (void)c; (void)n; events++; }
static void on_chars(void *c, const xmlChar *s, int l) { (void)c; (void)s; events += l; }

int main(int argc, char **argv) {
  int n = argc - 1;
  if (n < 1) {
    fprintf(stderr, "usage: %s UTF8-PAGE...\n", argv[0]);
    return 2;
  }
  char **buf = calloc(n, sizeof *buf);
  long *len = calloc(n, sizeof *len);
  for (int i = 0; i < n; i++) {
    FILE *f = fopen(argv[i + 1], "rb");
    if (!f) { perror(argv[i + 1]); return 1; }
    fseek(f, 0, SEEK_END);
    len[i] = ftell(f);
    rewind(f);
    buf[i] = malloc(len[i] + 1);
    if (fread(buf[i], 1, len[i], f) != (size_t)len[i]) { perror(argv[i + 1]); return 1; }
    fclose(f);
  }
  int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET
    | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;
  htmlSAXHandler sax;
  memset(&sax, 0, sizeof sax);
  sax.startElement = on_start;
  sax.endElement = on_end;
  sax.characters = on_chars;
  sax.initialized = 1;
  for (int round = 0; round < 3; round++) {
    double t = now();
    for (int i = 0; i < n; i++) {
      htmlDocPtr d = htmlReadMemory(buf[i], (int)len[i], NULL, "UTF-8", opts);
      xmlFreeDoc(d);
    }
    double dom = now() - t;
    t = now();
    for (int i = 0; i < n; i++) {
      htmlParserCtxtPtr c = htmlNewParserCtxt();
      memcpy(c->sax, &sax, sizeof sax);
      htmlDocPtr d = htmlCtxtReadMemory(c, buf[i], (int)len[i], NULL, "UTF-8", opts);
      if (d) xmlFreeDoc(d);
      htmlFreeParserCtxt(c);
    }
    double s = now() - t;
    printf("pages %d  DOM %.1f us/page  SAX (empty callbacks) %.1f us/page\n", n, dom * 1e6 / n,
      s * 1e6 / n);
  }
  return events == -1;
}
