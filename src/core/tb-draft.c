/* tb-draft.c: draft files (placeholder until the reader and writer land) */
#include "tb-draft.h"
G_DEFINE_QUARK (tb-draft-error-quark, tb_draft_error)
