/* test-format.c: the bundled formats load and carry the exact official labels and merges
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <string.h>

#include "tb-format-private.h"
#include "tb-format.h"
#include "tb-template.h"

static const TbGridItem *
find_label (const TbTableSpec *t,
            const char        *text)
{
  for (guint i = 0; i < t->n_items; i++)
    if (t->items[i].kind == TB_GRID_LABEL && g_strcmp0 (t->items[i].text, text) == 0)
      return &t->items[i];
  return NULL;
}

static void
test_registry (void)
{
  g_autoptr(GPtrArray) list = tb_format_list ();

  g_assert_cmpuint (list->len, ==, 2);
  g_assert_nonnull (tb_format_get ("2019"));
  g_assert_nonnull (tb_format_get ("2021"));
  g_assert_null (tb_format_get ("2030"));
  g_assert_null (tb_format_get (NULL));

  /* The year picks the format: ≤ 2020 → 2019 trial format, ≥ 2021 → 30号. */
  g_assert_cmpstr (tb_format_get_id (tb_format_for_year (2019)), ==, "2019");
  g_assert_cmpstr (tb_format_get_id (tb_format_for_year (2020)), ==, "2019");
  g_assert_cmpstr (tb_format_get_id (tb_format_for_year (2021)), ==, "2021");
  g_assert_cmpstr (tb_format_get_id (tb_format_for_year (2035)), ==, "2021");
  g_assert_cmpstr (tb_format_get_id (tb_format_for_year (2015)), ==, "2019");

  g_assert_cmpstr (tb_format_get_document (tb_format_get ("2021")), ==, "国办公开办函〔2021〕30号");
  g_assert_cmpstr (tb_format_get_name (tb_format_get ("2019")), ==,
                   "中华人民共和国政府信息公开工作年度报告格式（试行）");
}

static void
test_sections (void)
{
  static const char *headings[] = {
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
  };
  const char *ids[] = { "2019", "2021" };

  for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
    {
      const TbFormat *f = tb_format_get (ids[k]);
      const TbSectionSpec *s1;

      g_assert_cmpuint (tb_format_get_n_sections (f), ==, 6);
      for (guint i = 0; i < 6; i++)
        {
          const TbSectionSpec *s = tb_format_get_section (f, i);

          g_assert_cmpstr (s->heading, ==, headings[i]);
          g_assert_cmpint (s->type, ==, (i >= 1 && i <= 3) ? TB_SECTION_TABLE : TB_SECTION_TEXT);
          if (s->type == TB_SECTION_TABLE)
            g_assert_cmpint (s->table->section, ==, (int) i);
        }
      /* The switcher's short page names are data too (English, translated). */
      g_assert_cmpstr (tb_format_find_section (f, "s3")->short_title, ==, "Applications");
      g_assert_cmpstr (tb_format_find_section (f, "s6")->short_title, ==, "Other");
      s1 = tb_format_find_section (f, "s1");
      g_assert_cmpuint (g_strv_length ((char **) s1->topics), ==, 5);
      g_assert_cmpstr (s1->topics[3], ==, "政府信息公开平台建设");
    }

  /* The 信息处理费 fields exist from 2021 on (the fee measures apply from 2021). */
  g_assert_cmpuint (tb_format_find_section (tb_format_get ("2021"), "s6")->n_fields, ==, 3);
  g_assert_cmpuint (tb_format_find_section (tb_format_get ("2019"), "s6")->n_fields, ==, 0);
}

static void
test_table3 (void)
{
  const TbFormat *f21 = tb_format_get ("2021");
  const TbFormat *f19 = tb_format_get ("2019");
  const TbTableSpec *t21 = tb_format_find_table (f21, "t3");
  const TbTableSpec *t19 = tb_format_find_table (f19, "t3");
  const TbGridItem *it;
  const TbCellSpec *c;

  /* 25 rows × 7 columns in 2021, 23 rows in 2019 (one （六）其他处理 row). */
  g_assert_cmpuint (t21->n_cells, ==, 25 * 7);
  g_assert_cmpuint (t19->n_cells, ==, 23 * 7);
  g_assert_cmpuint (t21->n_columns, ==, 10);
  g_assert_cmpuint (t21->n_header_rows, ==, 3);
  g_assert_cmpuint (t21->n_rows, ==, 3 + 25);

  it = find_label (t21, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
  g_assert_nonnull (it);
  g_assert_cmpuint (it->row, ==, 0);
  g_assert_cmpuint (it->col, ==, 0);
  g_assert_cmpuint (it->colspan, ==, 3);
  g_assert_cmpuint (it->rowspan, ==, 3);
  g_assert_cmpstr (it->role, ==, "note");

  it = find_label (t21, "申请人情况");
  g_assert_cmpuint (it->col, ==, 3);
  g_assert_cmpuint (it->colspan, ==, 7);
  it = find_label (t21, "法人或其他组织");
  g_assert_cmpuint (it->row, ==, 1);
  g_assert_cmpuint (it->col, ==, 4);
  g_assert_cmpuint (it->colspan, ==, 5);

  it = find_label (t21, "三、本年度办理结果");
  g_assert_cmpuint (it->rowspan, ==, 22);
  g_assert_cmpuint (find_label (t19, "三、本年度办理结果")->rowspan, ==, 20);
  g_assert_cmpuint (find_label (t21, "（三）不予公开")->rowspan, ==, 8);
  g_assert_cmpuint (find_label (t21, "（六）其他处理")->rowspan, ==, 3);
  g_assert_cmpuint (find_label (t19, "（六）其他处理")->rowspan, ==, 1);
  g_assert_cmpuint (find_label (t19, "（六）其他处理")->colspan, ==, 2);
  g_assert_nonnull (find_label (t21, "3.危及“三安全一稳定”"));
  g_assert_nonnull (find_label (t21, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"));

  c = tb_format_find_cell (f21, "t3.r3_7_total.np");
  g_assert_nonnull (c);
  g_assert_cmpstr (c->label, ==, "（七）总计 自然人");
  g_assert_cmpstr (c->row_label, ==, "（七）总计");
  g_assert_cmpstr (c->column_label, ==, "自然人");
  g_assert_cmpint (c->kind, ==, TB_CELL_COUNT);
  g_assert_cmpint (c->total_rule, >=, 0);

  c = tb_format_find_cell (f21, "t3.r3_3_2.biz");
  g_assert_cmpstr (c->row_path, ==, "三、本年度办理结果 / （三）不予公开 / 2.其他法律行政法规禁止公开");
  g_assert_cmpstr (c->column_path, ==, "申请人情况 / 法人或其他组织 / 商业企业");
  g_assert_cmpint (c->total_rule, ==, -1);

  g_assert_nonnull (tb_format_find_cell (f21, "t3.r3_6_3.tot"));
  g_assert_null (tb_format_find_cell (f19, "t3.r3_6_3.tot"));
  g_assert_nonnull (tb_format_find_cell (f19, "t3.r3_6.tot"));
  g_assert_cmpstr (tb_format_find_cell (f21, "t3.r3_6_1.np")->row_label, ==,
                   "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请");

  /* Every total column cell and the （七）总计 row are computed. */
  for (guint i = 0; i < t21->n_cells; i++)
    {
      const TbCellSpec *cell = tb_format_get_cell (f21, t21->first_cell + i);
      gboolean expect = g_str_equal (cell->col_key, "tot") ||
                        g_str_equal (cell->row_key, "r3_7_total");

      g_assert_cmpint (cell->total_rule >= 0, ==, expect);
      g_assert_cmpstr (cell->table_id, ==, "t3");
      g_assert_cmpint (cell->section, ==, 2);
    }
}

static void
test_table2_and_4 (void)
{
  const TbFormat *f21 = tb_format_get ("2021");
  const TbFormat *f19 = tb_format_get ("2019");
  const TbCellSpec *c;
  const TbTableSpec *t4 = tb_format_find_table (f21, "t4");
  const TbGridItem *it;

  g_assert_cmpuint (tb_format_find_table (f21, "t2")->n_cells, ==, 10);
  g_assert_cmpuint (tb_format_find_table (f19, "t2")->n_cells, ==, 22);

  c = tb_format_find_cell (f21, "t2.fee.amount");
  g_assert_cmpint (c->kind, ==, TB_CELL_AMOUNT);
  g_assert_cmpstr (c->unit, ==, "万元");
  /* Six decimals of 万元: to the fen (FORMAT.md A.5). */
  g_assert_cmpuint (c->decimals, ==, 6);
  g_assert_cmpstr (c->column_label, ==, "本年收费金额（单位：万元）");
  g_assert_cmpstr (tb_format_find_cell (f21, "t2.norm.valid")->label, ==, "行政规范性文件 现行有效件数");

  c = tb_format_find_cell (f19, "t2.licence.change");
  g_assert_cmpint (c->kind, ==, TB_CELL_SIGNED);
  g_assert_cmpstr (c->column_label, ==, "本年增/减");
  c = tb_format_find_cell (f19, "t2.procurement.amount");
  g_assert_cmpint (c->kind, ==, TB_CELL_AMOUNT_UNIT);
  g_assert_cmpstr (c->units[0], ==, "元");
  g_assert_cmpstr (c->units[1], ==, "万元");
  g_assert_null (c->units[2]);
  g_assert_cmpstr (tb_format_find_cell (f19, "t2.service.previous")->row_label, ==,
                   "其他对外管理服务事项");
  g_assert_null (tb_format_find_cell (f21, "t2.service.previous"));

  g_assert_cmpuint (t4->n_cells, ==, 15);
  g_assert_cmpuint (t4->n_columns, ==, 15);
  it = find_label (t4, "行政诉讼");
  g_assert_cmpuint (it->colspan, ==, 10);
  g_assert_cmpuint (find_label (t4, "复议后起诉")->col, ==, 10);
  c = tb_format_find_cell (f21, "t4.after.total");
  g_assert_cmpstr (c->label, ==, "复议后起诉 总计");
  g_assert_cmpstr (c->column_path, ==, "行政诉讼 / 复议后起诉 / 总计");
  g_assert_cmpint (c->total_rule, >=, 0);
  g_assert_cmpint (tb_format_find_cell (f21, "t4.review.upheld")->total_rule, ==, -1);
}

static void
test_grid_covers_every_slot (void)
{
  const char *ids[] = { "2019", "2021" };

  /* Every grid slot is covered exactly once: the merges tile the table. */
  for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
    {
      const TbFormat *f = tb_format_get (ids[k]);

      for (guint ti = 0; ti < tb_format_get_n_tables (f); ti++)
        {
          const TbTableSpec *t = tb_format_get_table (f, ti);
          g_autofree guint *cover = g_new0 (guint, t->n_rows * t->n_columns);
          double sum = 0;

          for (guint i = 0; i < t->n_items; i++)
            {
              const TbGridItem *it = &t->items[i];

              for (guint r = it->row; r < it->row + it->rowspan; r++)
                for (guint c = it->col; c < it->col + it->colspan; c++)
                  {
                    g_assert_cmpuint (r, <, t->n_rows);
                    g_assert_cmpuint (c, <, t->n_columns);
                    cover[r * t->n_columns + c]++;
                  }
            }
          for (guint i = 0; i < t->n_rows * t->n_columns; i++)
            g_assert_cmpuint (cover[i], ==, 1);
          for (guint i = 0; i < t->n_columns; i++)
            sum += t->widths[i];
          g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-9);
        }
    }
}

static void
test_rules_compiled (void)
{
  const TbFormat *f = tb_format_get ("2021");
  guint t31 = 0, t33 = 0, t41 = 0;

  for (guint i = 0; i < tb_format_get_n_rules (f); i++)
    {
      const TbRule *r = tb_format_get_rule (f, i);

      t31 += g_str_equal (r->id, "T3-1");
      t33 += g_str_equal (r->id, "T3-3");
      t41 += g_str_equal (r->id, "T4-1");
      if (g_str_equal (r->key, "T3-1:np"))
        {
          g_assert_cmpuint (r->lhs.n_terms, ==, 2);
          g_assert_cmpuint (r->rhs.n_terms, ==, 2);
          g_assert_cmpstr (r->item_label, ==, "自然人");
          g_assert_cmpstr (tb_format_get_cell (f, r->lhs.terms[0].cell)->id, ==, "t3.r1_new.np");
          g_assert_cmpstr (tb_format_get_cell (f, r->rhs.terms[1].cell)->id, ==,
                           "t3.r4_carry_out.np");
        }
    }
  g_assert_cmpuint (t31, ==, 7);   /* per column */
  g_assert_cmpuint (t33, ==, 25);  /* per row */
  g_assert_cmpuint (t41, ==, 3);   /* three groups */
}

static void
test_title (void)
{
  g_autofree char *title = tb_format_make_title (tb_format_get ("2019"), "盐池县审计局", 2020);

  g_assert_cmpstr (title, ==, "盐池县审计局2020年政府信息公开工作年度报告");
}

static void
test_wording (void)
{
  static const char *const numerals[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };
  g_autoptr(GPtrArray) list = tb_format_list ();
  const TbFormat *f2021 = tb_format_get ("2021");
  const TbFormat *f2019 = tb_format_get ("2019");
  g_autofree char *preface = NULL;
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  g_autofree char *mark = NULL;

  /* Every bundled format carries all of its wording: the printed report takes it from
   * there and from nowhere else. */
  for (guint i = 0; i < list->len; i++)
    {
      const TbFormat *f = g_ptr_array_index (list, i);

      for (guint w = 0; w < TB_N_WORDINGS; w++)
        {
          const char *text = tb_format_get_wording (f, w);

          g_test_message ("format %s, wording %u: %s", tb_format_get_id (f), w, text);
          g_assert_nonnull (text);
          g_assert_cmpstr (text, !=, "");
        }
      for (guint n = 1; n <= G_N_ELEMENTS (numerals); n++)
        g_assert_cmpstr (tb_format_get_numeral (f, n), ==, numerals[n - 1]);
      g_assert_null (tb_format_get_numeral (f, 0));
      g_assert_null (tb_format_get_numeral (f, G_N_ELEMENTS (numerals) + 1));
    }

  /* The preface names the format, its document, the six parts (the title of 四 with 和 so
   * that it reads as one part) and the year. */
  preface = tb_format_make_preface (f2021, 2024);
  g_assert_true (g_str_has_prefix (preface, "本报告根据《中华人民共和国政府信息公开条例》"));
  g_assert_nonnull (strstr (preface, "按照《中华人民共和国政府信息公开工作年度报告格式》"
                                     "（国办公开办函〔2021〕30号）编制"));
  g_assert_nonnull (strstr (preface, "全文包括总体情况、主动公开政府信息情况、"
                                     "收到和处理政府信息公开申请情况、"
                                     "政府信息公开行政复议和行政诉讼情况、"
                                     "存在的主要问题及改进情况、其他需要报告的事项，共六个部分。"));
  g_assert_true (g_str_has_suffix (preface, "统计期限为2024年1月1日至12月31日。"));
  g_clear_pointer (&preface, g_free);
  preface = tb_format_make_preface (f2019, 2020);
  g_assert_nonnull (strstr (preface, "《中华人民共和国政府信息公开工作年度报告格式（试行）》"
                                     "（国办公开办函〔2019〕60号）"));

  /* A year not known yet prints as a blank. */
  title = tb_format_make_title (f2021, "某县审计局", 0);
  g_assert_cmpstr (title, ==, "某县审计局____年政府信息公开工作年度报告");

  date = tb_format_make_date (f2021, "2025-01-20");
  g_assert_cmpstr (date, ==, "2025年1月20日");
  g_assert_null (tb_format_make_date (f2021, "2025-02-30"));
  g_assert_null (tb_format_make_date (f2021, "2025-01-20x"));
  g_assert_null (tb_format_make_date (f2021, NULL));
  g_assert_cmpstr (tb_format_get_wording (f2021, TB_WORDING_DATE_BLANK), ==,
                   "\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日");

  mark = tb_format_make_draft_mark (f2021, 3);
  g_assert_cmpstr (mark, ==, "草稿：尚有 3 处校验错误");
  g_assert_cmpstr (tb_format_get_wording (f2019, TB_WORDING_SUBJECT), ==,
                   "政府信息公开工作年度报告");
}

static void
test_template (void)
{
  g_autofree char *a = tb_template_fill ("{x}与{y}，{z}；{x}", "x", "甲", "y", "乙", NULL);
  g_autofree char *b = tb_template_fill ("no {close", "close", "x", NULL);
  g_autofree char *re = tb_template_to_regex ("共{n}件（{m}.）", "[0-9]+");

  /* Every {x} is filled, unknown placeholders are kept, a lone "{" is text. */
  g_assert_cmpstr (a, ==, "甲与乙，{z}；甲");
  g_assert_cmpstr (b, ==, "no {close");
  g_assert_true (g_regex_match_simple (re, "共12件（3.）", 0, 0));
  g_assert_false (g_regex_match_simple (re, "共12件（3x）", 0, 0));
}

static void
test_broken_data (void)
{
  static const char *broken[] = {
    "",
    "<format",
    "<notformat id='x'/>",
    "<!DOCTYPE format [<!ENTITY e 'x'>]><format id='x' name='n' first-year='2030'/>",
    "<format name='n' first-year='2030'><section id='s1' numeral='一' title='t' type='text'/></format>",
    "<format id='x' name='n' first-year='2030'/>",
    "<format id='x' name='n' first-year='2030'><section id='s1' numeral='一' title='t' "
    "type='table' table='nope'/></format>",
    "<format id='x' name='n' first-year='2030'><table id='t' columns='2'><tbody><tr key='a'>"
    "<th>a</th><td key='b'/><td key='c'/></tr></tbody></table>"
    "<section id='s1' numeral='一' title='t' type='table' table='t'/></format>",
    "<format id='x' name='n' first-year='2030'><table id='t' columns='2'><tbody><tr key='a'>"
    "<th>a</th><td key='b' kind='number'/></tr></tbody></table>"
    "<section id='s1' numeral='一' title='t' type='table' table='t'/></format>",
    "<format id='x' name='n' first-year='2030'><table id='t' columns='2'><tbody><tr key='a'>"
    "<th>a</th><td key='b'/></tr></tbody></table>"
    "<section id='s1' numeral='一' title='t' type='table' table='t'/>"
    "<rules><rule id='R'><assert>t.a.b = t.a.zz</assert><message>m</message></rule></rules>"
    "</format>",
    "<format id='x' name='n' first-year='2030'><table id='t' columns='2'><tbody><tr key='a'>"
    "<th>a</th><td key='b'/></tr></tbody></table>"
    "<section id='s1' numeral='一' title='t' type='table' table='t'/>"
    "<rules><rule id='R'><assert>t.a.b == 1</assert><message>m</message></rule></rules>"
    "</format>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TbFormat) f = tb_format_new_from_data (broken[i], strlen (broken[i]), &error);

      g_test_message ("broken format %u: %s", i, error ? error->message : "(loaded)");
      g_assert_null (f);
      g_assert_nonnull (error);
    }
}

static void
test_third_format_is_data (void)
{
  /* A made-up future format loads from data alone, with its own cells and rules. */
  const char *xml =
    "<format id='2030' name='未来格式' first-year='2030'>"
    "<section id='s1' numeral='一' title='表' type='table' table='t'/>"
    "<table id='t' columns='3'><thead><tr><th>项目</th><th>甲</th><th>合计</th></tr></thead>"
    "<tbody><tr key='a'><th>行一</th><td key='x'/><td key='sum'/></tr></tbody></table>"
    "<rules><rule id='R1' total='yes'><assert>t.a.sum = t.a.x</assert>"
    "<message>{lhs} vs {rhs}</message></rule></rules></format>";
  g_autoptr(GError) error = NULL;
  g_autoptr(TbFormat) f = tb_format_new_from_data (xml, strlen (xml), &error);
  const TbCellSpec *c;

  g_assert_no_error (error);
  g_assert_cmpuint (tb_format_get_n_cells (f), ==, 2);
  c = tb_format_find_cell (f, "t.a.sum");
  g_assert_cmpstr (c->label, ==, "行一 合计");
  g_assert_cmpint (c->total_rule, ==, 0);
  g_assert_cmpint (tb_format_get_last_year (f), ==, G_MAXINT);
  /* Without wording in its data a format prints none. */
  g_assert_null (tb_format_get_wording (f, TB_WORDING_PREFACE));
  g_assert_null (tb_format_make_preface (f, 2030));
  g_assert_null (tb_format_make_draft_mark (f, 1));
  g_assert_null (tb_format_get_numeral (f, 1));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/registry", test_registry);
  g_test_add_func ("/format/sections", test_sections);
  g_test_add_func ("/format/table3", test_table3);
  g_test_add_func ("/format/table2-and-4", test_table2_and_4);
  g_test_add_func ("/format/grid-covers-every-slot", test_grid_covers_every_slot);
  g_test_add_func ("/format/rules-compiled", test_rules_compiled);
  g_test_add_func ("/format/title", test_title);
  g_test_add_func ("/format/wording", test_wording);
  g_test_add_func ("/format/template", test_template);
  g_test_add_func ("/format/broken-data", test_broken_data);
  g_test_add_func ("/format/third-format-is-data", test_third_format_is_data);

  return g_test_run ();
}
