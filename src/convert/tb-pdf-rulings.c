/* tb-pdf-rulings.c: the grids of the tables drawn with ruling lines on a PDF page
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * poppler-glib gives the characters of a page with their boxes, but not the lines drawn on
 * it. Tables in reports are drawn with ruling lines, and those are the surest guide to the
 * cells and their merges: the page is rendered (in grey, at twice the size) and scanned
 * for thin, long, straight runs of ink. Runs that cross a character box are strokes of a
 * glyph, not rulings. Crossing horizontal and vertical rulings make a grid; a grid cell
 * with no ruling on its right joins the next column, one with no ruling below the next row:
 * that is how a label spanning several rows or a header spanning several columns shows.
 * The characters whose centre falls in a cell are its text (tb-pdf-tables.c).
 */
#define G_LOG_DOMAIN "tb-pdf"

#include "config.h"

#include <cairo.h>
#include <math.h>
#include <string.h>

#include "tb-pdf-private.h"

/* Rendering: points to pixels, and the largest rendering made. */
#define SCALE        2.0
#define MAX_PIXELS   (3000 * 4000)
/* A pixel is ink below this grey level (0 black, 255 white). */
#define INK_LEVEL    200
/* A ruling is at most 2 × THIN - 1 pixels thick: ink THIN pixels away across it is not. */
#define THIN         3
/* The shortest rulings, in points: a cell's side. */
#define MIN_H_RULE   12.0
#define MIN_V_RULE   6.0
/* Rulings this close (points) are the same; gaps this small in one are closed. */
#define TOL          2.5
/* Above this many pieces of rulings a page is not a table (hatching, a drawing). */
#define MAX_RUNS     20000
#define MAX_RULES    2000
#define MAX_ROWS     2000
#define MAX_COLUMNS  200

typedef struct
{
  double pos;      /* y of a horizontal ruling, x of a vertical one */
  double a, b;     /* its extent along the other axis */
  double first;    /* clustering: pos of the first pixel run */
  double last;     /* clustering: pos of the last pixel run added */
  guint  n;        /* clustering: pixel runs added */
  int    set;      /* union-find parent */
} Rule;

/* ---- Rendering ------------------------------------------------------------------------ */

struct _TbPdfRaster
{
  cairo_surface_t *surface;
  int              w, h;       /* of the surface */
};

void
tb_pdf_raster_free (TbPdfRaster *raster)
{
  if (raster == NULL)
    return;
  g_clear_pointer (&raster->surface, cairo_surface_destroy);
  g_free (raster);
}

/* Renders @page into @raster (made or grown as needed: the surface is kept for the next
 * page), @w × @h pixels at @scale. */
static gboolean
render (TbPdfRaster *raster,
        PopplerPage *page,
        double      *scale,
        int         *w,
        int         *h)
{
  cairo_t *cr;
  double pw = 0, ph = 0, s = SCALE;

  _tb_pdf_poppler ()->poppler_page_get_size (page, &pw, &ph);
  if (!(pw >= 1 && ph >= 1 && pw <= 20000 && ph <= 20000))
    return FALSE;
  while (pw * s * ph * s > MAX_PIXELS && s > 0.25)
    s /= 2;
  *w = (int) ceil (pw * s);
  *h = (int) ceil (ph * s);
  if (raster->surface == NULL || raster->w < *w || raster->h < *h)
    {
      g_clear_pointer (&raster->surface, cairo_surface_destroy);
      raster->w = MAX (raster->w, *w);
      raster->h = MAX (raster->h, *h);
      raster->surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, raster->w, raster->h);
      if (cairo_surface_status (raster->surface) != CAIRO_STATUS_SUCCESS)
        {
          g_clear_pointer (&raster->surface, cairo_surface_destroy);
          raster->w = raster->h = 0;
          return FALSE;
        }
    }
  cr = cairo_create (raster->surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, s, s);
  _tb_pdf_poppler ()->poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (raster->surface);
  *scale = s;
  return TRUE;
}

static inline gboolean
is_ink (guint32 p)
{
  return ((((p >> 16) & 0xff) * 77 + ((p >> 8) & 0xff) * 150 + (p & 0xff) * 29) >> 8) < INK_LEVEL;
}

static gboolean
add_run (GArray *runs,
         int     pos,
         int     start,
         int     last,
         int     min_len)
{
  Rule r = { .pos = pos, .a = start, .b = last, .first = pos, .last = pos, .n = 1 };

  if (last - start + 1 < min_len)
    return TRUE;
  g_array_append_val (runs, r);
  return runs->len <= MAX_RUNS;
}

/* Runs of thin ink (with no ink THIN pixels across them: a ruling is thin, text and shaded
 * areas are not) along the rows and down the columns of the rendering, as Rules in pixels,
 * in one pass row by row; a gap of up to 2 pixels does not end a run. */
static gboolean
scan_runs (TbPdfRaster *raster,
           int          w,
           int          h,
           int          min_h,
           int          min_v,
           GArray      *h_runs,
           GArray      *v_runs)
{
  const guint8 *data = cairo_image_surface_get_data (raster->surface);
  int stride = cairo_image_surface_get_stride (raster->surface);
  g_autofree int *v_start = g_new (int, w);
  g_autofree int *v_last = g_new (int, w);

  for (int x = 0; x < w; x++)
    v_start[x] = v_last[x] = -10;
  for (int y = 0; y <= h; y++)
    {
      const guint32 *row = y < h ? (const guint32 *) (data + (gsize) y * stride) : NULL;
      const guint32 *up = y >= THIN && y < h ? (const guint32 *) (data + (gsize) (y - THIN) * stride) : NULL;
      const guint32 *down = y + THIN < h ? (const guint32 *) (data + (gsize) (y + THIN) * stride) : NULL;
      int start = -10, last = -10;

      for (int x = 0; x < w; x++)
        {
          gboolean ink = row != NULL && is_ink (row[x]);

          if (ink && (up == NULL || !is_ink (up[x])) && (down == NULL || !is_ink (down[x])))
            {
              if (x - last > 3)
                {
                  if (start >= 0 && !add_run (h_runs, y, start, last, min_h))
                    return FALSE;
                  start = x;
                }
              last = x;
            }
          if (ink && (x < THIN || !is_ink (row[x - THIN])) && (x + THIN >= w || !is_ink (row[x + THIN])))
            {
              if (y - v_last[x] > 3)
                {
                  if (v_start[x] >= 0 && !add_run (v_runs, x, v_start[x], v_last[x], min_v))
                    return FALSE;
                  v_start[x] = y;
                }
              v_last[x] = y;
            }
          else if (row == NULL && v_start[x] >= 0 &&
                   !add_run (v_runs, x, v_start[x], v_last[x], min_v))
            return FALSE;
        }
      if (start >= 0 && !add_run (h_runs, y, start, last, min_h))
        return FALSE;
    }
  return TRUE;
}

static int
compare_rules (gconstpointer pa,
               gconstpointer pb)
{
  const Rule *a = pa, *b = pb;

  if (a->pos != b->pos)
    return a->pos < b->pos ? -1 : 1;
  return a->a < b->a ? -1 : a->a > b->a;
}

static int
compare_extents (const void *pa,
                 const void *pb)
{
  const Rule *a = pa, *b = pb;

  return a->a < b->a ? -1 : a->a > b->a;
}

/* Pixel runs of neighbouring rows (a ruling 2 or 3 pixels thick) become one ruling, in
 * points; pieces of one ruling with small gaps are joined. */
static GArray *
cluster_runs (GArray *runs,
              double  scale,
              double  min_len)
{
  GArray *rules = g_array_new (FALSE, FALSE, sizeof (Rule));
  GArray *joined = g_array_new (FALSE, FALSE, sizeof (Rule));

  g_array_sort (runs, compare_rules);
  for (guint i = 0; i < runs->len; i++)
    {
      Rule *r = &g_array_index (runs, Rule, i);
      Rule *into = NULL;

      for (guint j = rules->len; j-- > 0;)
        {
          Rule *s = &g_array_index (rules, Rule, j);

          /* Rulings are in the order of their first run; none is 2 × THIN thick. */
          if (r->pos - s->first > 2 * THIN + 2)
            break;
          if (r->pos - s->last <= 1.5 && r->a <= s->b + 2 && r->b >= s->a - 2)
            {
              into = s;
              break;
            }
        }
      if (into != NULL)
        {
          into->pos = (into->pos * into->n + r->pos) / (into->n + 1);
          into->n++;
          into->last = r->pos;
          into->a = MIN (into->a, r->a);
          into->b = MAX (into->b, r->b);
        }
      else
        g_array_append_val (rules, *r);
    }
  for (guint i = 0; i < rules->len; i++)
    {
      Rule *r = &g_array_index (rules, Rule, i);

      r->pos = (r->pos + 0.5) / scale;
      r->a = r->a / scale;
      r->b = (r->b + 1) / scale;
    }
  /* Rulings at (nearly) the same position, in the order of their extent: pieces of one
   * ruling with small gaps are joined. */
  g_array_sort (rules, compare_rules);
  for (guint i = 0; i < rules->len;)
    {
      guint j = i, first_joined = joined->len;

      while (j < rules->len &&
             g_array_index (rules, Rule, j).pos - g_array_index (rules, Rule, i).pos <= TOL / 2)
        j++;
      qsort (&g_array_index (rules, Rule, i), j - i, sizeof (Rule), compare_extents);
      for (guint k = i; k < j; k++)
        {
          Rule *r = &g_array_index (rules, Rule, k);
          Rule *prev = joined->len > first_joined ?
                       &g_array_index (joined, Rule, joined->len - 1) : NULL;

          if (prev != NULL && r->a <= prev->b + TOL)
            {
              prev->pos = (prev->pos * (prev->b - prev->a) + r->pos * (r->b - r->a)) /
                          MAX (prev->b - prev->a + r->b - r->a, 0.01);
              prev->b = MAX (prev->b, r->b);
            }
          else
            g_array_append_val (joined, *r);
        }
      i = j;
    }
  g_array_free (rules, TRUE);
  for (guint i = joined->len; i-- > 0;)
    if (g_array_index (joined, Rule, i).b - g_array_index (joined, Rule, i).a < min_len)
      g_array_remove_index (joined, i);
  return joined;
}

/* A run through the middle of a character box is a stroke of the glyph. */
static void
drop_glyph_strokes (GArray          *rules,
                    gboolean         vertical,
                    const TbPdfChar *chars,
                    guint            n)
{
  for (guint i = rules->len; i-- > 0;)
    {
      Rule *r = &g_array_index (rules, Rule, i);

      for (guint k = 0; k < n; k++)
        {
          const TbPdfChar *c = &chars[k];
          double mx = (c->x1 - c->x0) / 10, my = (c->y1 - c->y0) / 10;
          gboolean across = vertical ?
            r->pos > c->x0 + mx && r->pos < c->x1 - mx && r->a < c->y1 - my && r->b > c->y0 + my :
            r->pos > c->y0 + my && r->pos < c->y1 - my && r->a < c->x1 - mx && r->b > c->x0 + mx;

          if (across)
            {
              g_array_remove_index (rules, i);
              break;
            }
        }
    }
}

static int
find_set (GArray *all,
          int     i)
{
  while (g_array_index (all, Rule, i).set != i)
    {
      Rule *r = &g_array_index (all, Rule, i);

      r->set = g_array_index (all, Rule, r->set).set;
      i = r->set;
    }
  return i;
}

static GArray *
cluster_positions (GArray *all,
                   int     set,
                   guint   from,
                   guint   to)
{
  GArray *pos = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = from; i < to; i++)
    if (find_set (all, (int) i) == set)
      g_array_append_val (raw, g_array_index (all, Rule, i).pos);
  for (guint i = 0; i < raw->len; i++)
    for (guint j = i + 1; j < raw->len; j++)
      if (g_array_index (raw, double, j) < g_array_index (raw, double, i))
        {
          double t = g_array_index (raw, double, i);

          g_array_index (raw, double, i) = g_array_index (raw, double, j);
          g_array_index (raw, double, j) = t;
        }
  for (guint i = 0; i < raw->len;)
    {
      double sum = 0;
      guint j = i;

      while (j < raw->len && g_array_index (raw, double, j) - g_array_index (raw, double, i) <= TOL)
        sum += g_array_index (raw, double, j++);
      sum /= j - i;
      g_array_append_val (pos, sum);
      i = j;
    }
  return pos;
}

/* Whether a ruling of @set at @pos (in [from, to) of @all) covers @a .. @b. */
static gboolean
covered (GArray *all,
         int     set,
         guint   from,
         guint   to,
         double  pos,
         double  a,
         double  b)
{
  for (guint i = from; i < to; i++)
    {
      Rule *r = &g_array_index (all, Rule, i);

      if (fabs (r->pos - pos) <= TOL && r->a <= a + TOL && r->b >= b - TOL &&
          find_set (all, (int) i) == set)
        return TRUE;
    }
  return FALSE;
}

/* The grid of one set of crossing rulings, with its merged cells. */
static TbPdfTable *
make_grid (GArray *all,
           guint   n_h,
           int     set,
           guint   page_no)
{
  g_autoptr(GArray) xs = cluster_positions (all, set, n_h, all->len);
  g_autoptr(GArray) ys = cluster_positions (all, set, 0, n_h);
  g_autoptr(TbPdfTable) table = NULL;
  guint rows, cols;

  if (xs->len < 2 || ys->len < 2 || xs->len > MAX_COLUMNS + 1 || ys->len > MAX_ROWS + 1)
    return NULL;
  rows = ys->len - 1;
  cols = xs->len - 1;
  table = tb_pdf_table_new (page_no);
  table->ruled = TRUE;
  table->n_rows = rows;
  table->n_columns = cols;
  table->xs = g_memdup2 (xs->data, sizeof (double) * xs->len);
  table->ys = g_memdup2 (ys->data, sizeof (double) * ys->len);
  table->x0 = table->xs[0];
  table->x1 = table->xs[cols];
  table->y0 = table->ys[0];
  table->y1 = table->ys[rows];
  table->owner = g_new (int, (gsize) rows * cols);
  for (gsize i = 0; i < (gsize) rows * cols; i++)
    table->owner[i] = -1;

  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < cols; c++)
      {
        TbPdfCell *cell;
        guint cs = 1, rs = 1;

        if (table->owner[(gsize) r * cols + c] >= 0)
          continue;
        /* No ruling on the right: the cell goes on into the next column. */
        while (c + cs < cols && table->owner[(gsize) r * cols + c + cs] < 0 &&
               !covered (all, set, n_h, all->len, table->xs[c + cs], table->ys[r], table->ys[r + 1]))
          cs++;
        /* No ruling below, all along: into the next row. */
        for (;;)
          {
            gboolean open = r + rs < rows;

            for (guint k = c; open && k < c + cs; k++)
              open = table->owner[(gsize) (r + rs) * cols + k] < 0 &&
                     !covered (all, set, 0, n_h, table->ys[r + rs], table->xs[k], table->xs[k + 1]);
            if (!open)
              break;
            rs++;
          }
        cell = g_new0 (TbPdfCell, 1);
        cell->page = page_no;
        cell->row = r;
        cell->col = c;
        cell->rowspan = rs;
        cell->colspan = cs;
        for (guint i = r; i < r + rs; i++)
          for (guint k = c; k < c + cs; k++)
            table->owner[(gsize) i * cols + k] = (int) table->cells->len;
        g_ptr_array_add (table->cells, cell);
      }
  if (table->cells->len < 2)
    return NULL;
  return g_steal_pointer (&table);
}

void
tb_pdf_find_ruled_tables (TbPdfRaster    **raster,
                          PopplerPage     *page,
                          guint            page_no,
                          const TbPdfChar *chars,
                          guint            n_chars,
                          GPtrArray       *tables)
{
  g_autoptr(GArray) h_runs = g_array_new (FALSE, FALSE, sizeof (Rule));
  g_autoptr(GArray) v_runs = g_array_new (FALSE, FALSE, sizeof (Rule));
  g_autoptr(GArray) hs = NULL;
  g_autoptr(GArray) vs = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GHashTable) done = NULL;
  double scale = SCALE;
  int w = 0, h = 0;
  guint n_h;

  if (*raster == NULL)
    *raster = g_new0 (TbPdfRaster, 1);
  if (!render (*raster, page, &scale, &w, &h) ||
      !scan_runs (*raster, w, h, (int) (MIN_H_RULE * scale / 2),
                  (int) (MIN_V_RULE * scale / 2), h_runs, v_runs))
    return;
  hs = cluster_runs (h_runs, scale, MIN_H_RULE);
  vs = cluster_runs (v_runs, scale, MIN_V_RULE);
  drop_glyph_strokes (hs, FALSE, chars, n_chars);
  drop_glyph_strokes (vs, TRUE, chars, n_chars);
  if (hs->len < 2 || vs->len < 2 || hs->len + vs->len > MAX_RULES)
    return;

  /* Horizontal rulings first, then vertical ones; crossing rulings are in one set. */
  all = g_array_new (FALSE, FALSE, sizeof (Rule));
  g_array_append_vals (all, hs->data, hs->len);
  g_array_append_vals (all, vs->data, vs->len);
  n_h = hs->len;
  for (guint i = 0; i < all->len; i++)
    g_array_index (all, Rule, i).set = (int) i;
  for (guint i = 0; i < n_h; i++)
    for (guint j = n_h; j < all->len; j++)
      {
        Rule *hr = &g_array_index (all, Rule, i), *vr = &g_array_index (all, Rule, j);

        if (vr->pos >= hr->a - TOL && vr->pos <= hr->b + TOL &&
            hr->pos >= vr->a - TOL && hr->pos <= vr->b + TOL)
          {
            int a = find_set (all, (int) i), b = find_set (all, (int) j);

            if (a != b)
              g_array_index (all, Rule, a).set = b;
          }
      }

  done = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < n_h; i++)
    {
      int set = find_set (all, (int) i);
      TbPdfTable *table;

      if (g_hash_table_contains (done, GINT_TO_POINTER (set)))
        continue;
      g_hash_table_add (done, GINT_TO_POINTER (set));
      table = make_grid (all, n_h, set, page_no);
      if (table != NULL)
        g_ptr_array_add (tables, table);
    }
}

