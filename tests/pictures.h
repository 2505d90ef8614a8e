/*
 * The picture tests' shared harness (pictures.c), for test_pictures*.c.
 */
#ifndef RS_TEST_PICTURES_H
#define RS_TEST_PICTURES_H

#include <stdbool.h>

#include "app.h"
#include "config.h"
#include "i18n.h"

#define REFERENCES ROSTRUM_SOURCE_DIR "/tests/reference"
#define FONTS ROSTRUM_SOURCE_DIR "/assets/fonts"

/* Built by pictures_setup in a scratch folder: the sample corpus and the
 * fixtures pictures are drawn from. */
extern char *scratch, *corpus, *languages, *mini, *long_title, *thread_fixture;
extern char out_dir[1024];
/* The settings a picture is drawn with (the defaults). */
extern rs_config defaults;

/* cmocka group setup and teardown: build the bundles, remove them. */
int pictures_setup(void **state);
int pictures_teardown(void **state);

/* A bundle built from source folder into the scratch folder as name. */
char *build_bundle(const char *source, const char *name);
/* Compares the PNG at actual_path with the reference NAME.png (see
 * test_pictures.c); fails the test on a difference. */
void compare_with_reference(const char *name, const char *actual_path);
/* Whether pictures of this size are drawn in this run (ROSTRUM_PICTURES_SIZE). */
bool wanted(const char *name, int width, int height);
/* The options `rostrum BUNDLE --size WxH` starts with. */
rs_app_options viewer_options(const char *bundle, int width, int height);
/* Runs the viewer in this process (inside dir when not NULL); its exit status. */
int run_viewer_in(const char *dir, const rs_app_options *options);
int run_viewer(const rs_app_options *options);
/* As run_viewer_in, with its stderr in *output (caller frees). */
int run_viewer_capturing(const char *dir, const rs_app_options *options, char **output);
/* Runs the viewer on a script (text, written to file in the scratch folder). */
int run_script(const char *file, const char *script, rs_app_options *options);
/* The picture name of what options draw, compared with its reference. */
void expect_screen_options(const char *name, rs_app_options *options);
/* The picture of route at width x height, in English. */
void expect_screen(const char *name, const char *bundle, const char *route, int width, int height);
/* The same at 800x480 in the UI language given. */
void expect_screen_in(const char *name, const char *bundle, const char *route, rs_ui_language language);

#endif
