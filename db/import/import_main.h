/*
 * rostrum-bundle import FILE... -o DIR [--url URL] [--urls LIST.tsv]:
 * one draft statement file per input, and one report line per input.
 */
#ifndef RS_IMPORT_MAIN_H
#define RS_IMPORT_MAIN_H

/* argv[0] is the first argument after "import". Prints a line per input on
 * stdout (the draft written and what to check) or on stderr (why the input
 * was refused). Returns 0 when every input gave a draft, 1 when one did
 * not, 2 for wrong usage. */
int rs_import_main(int argc, char **argv);

#endif
