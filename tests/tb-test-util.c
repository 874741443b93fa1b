/* tb-test-util.c: helpers and report fixtures shared by the tests and benchmarks
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-test-util"

#include "config.h"

#include <glib/gstdio.h>
#include <sched.h>
#include <stdarg.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tb-draft.h"
#include "tb-file-io.h"
#include "tb-readiness.h"
#include "tb-recovery.h"
#include "tb-value.h"

#include "tb-test-util.h"

/* ---- Cells by id --------------------------------------------------------------------- */

guint
tb_test_cell (TbReport   *report,
              const char *id)
{
  const TbCellSpec *spec = tb_format_find_cell (tb_report_get_format (report), id);

  g_assert_nonnull (spec);
  return spec->index;
}

void
tb_test_set (TbReport   *report,
             const char *id,
             const char *text)
{
  g_autoptr(GError) error = NULL;

  tb_report_set_cell_text (report, tb_test_cell (report, id), text, &error);
  g_assert_no_error (error);
}

void
tb_test_type (TbReport   *report,
              const char *id,
              const char *text)
{
  tb_report_set_cell_text (report, tb_test_cell (report, id), text, NULL);
}

void
tb_test_set_int (TbReport   *report,
                 const char *id,
                 gint64      value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  tb_test_set (report, id, text);
}

void
tb_test_set_value (TbReport   *report,
                   const char *id,
                   gint64      value)
{
  tb_report_set_cell_value (report, tb_test_cell (report, id), value, NULL);
}

gint64
tb_test_get (TbReport   *report,
             const char *id)
{
  const TbCellValue *v = tb_report_get_cell (report, tb_test_cell (report, id));

  g_assert_cmpint (v->state, ==, TB_CELL_VALID);
  return v->value;
}

TbCellState
tb_test_state (TbReport   *report,
               const char *id)
{
  return tb_report_get_cell (report, tb_test_cell (report, id))->state;
}

char *
tb_test_dup_text (TbReport   *report,
                  const char *id)
{
  return tb_report_dup_cell_text (report, tb_test_cell (report, id));
}

void
tb_test_clear (TbReport   *report,
               const char *id)
{
  tb_report_clear_cell (report, tb_test_cell (report, id));
}

/* ---- Reports ------------------------------------------------------------------------- */

const char *const tb_test_applicant_columns[6] = { "np", "biz", "res", "soc", "law", "oth" };

void
tb_test_balance_t3 (TbReport *report,
                    gboolean  lower_carry_in)
{
  tb_rules_compute_totals (report);
  for (guint k = 0; k < G_N_ELEMENTS (tb_test_applicant_columns); k++)
    {
      const char *column = tb_test_applicant_columns[k];
      g_autofree char *total = g_strdup_printf ("t3.r3_7_total.%s", column);
      g_autofree char *carry_out = g_strdup_printf ("t3.r4_carry_out.%s", column);
      g_autofree char *carry_in = g_strdup_printf ("t3.r2_carry_in.%s", column);
      g_autofree char *fresh = g_strdup_printf ("t3.r1_new.%s", column);
      gint64 n = tb_test_get (report, total) + tb_test_get (report, carry_out) -
                 tb_test_get (report, carry_in);

      if (n < 0 && lower_carry_in)
        {
          tb_test_set_value (report, carry_in, tb_test_get (report, carry_in) + n);
          n = 0;
        }
      g_assert_cmpint (n, >=, 0);
      tb_test_set_value (report, fresh, n);
    }
  tb_rules_compute_totals (report);
}

/* A small deterministic spread of values: 0 .. 9, different per seed and cell. */
static guint
spread_value (guint seed,
              guint cell)
{
  guint32 h = (seed + 1) * 2654435761u ^ (cell + 7) * 40503u;

  h ^= h >> 13;
  h *= 0x5bd1e995u;
  h ^= h >> 15;
  return h % 10;
}

/* 上年结转 stays below the results so 本年新收 is >= 0. */
TbReport *
tb_test_make_report (const char *format_id,
                     int         year,
                     const char *agency,
                     guint       seed)
{
  const TbFormat *f = tb_format_get (format_id);
  TbReport *report = tb_report_new (f);

  g_assert_nonnull (f);
  tb_report_freeze (report);
  tb_report_set_agency (report, agency);
  tb_report_set_year (report, year);
  tb_report_set_preparer (report, "张三");
  tb_report_set_contact (report, "0000-1234567");
  tb_report_set_report_date (report, "2025-01-20");

  for (guint i = 0; i < tb_format_get_n_cells (f); i++)
    {
      const TbCellSpec *c = tb_format_get_cell (f, i);
      gint64 v = spread_value (seed, i);

      if (c->total_rule >= 0 || g_str_equal (c->row_key, "r1_new"))
        continue;
      switch (c->kind)
        {
        case TB_CELL_SIGNED:
          tb_report_set_cell_value (report, i, v - 4, NULL);
          break;
        case TB_CELL_AMOUNT:
          tb_report_set_cell_value (report, i, v * 12345, NULL);
          break;
        case TB_CELL_AMOUNT_UNIT:
          tb_report_set_cell_value (report, i, (v + 1) * TB_AMOUNT_SCALE, "万元");
          break;
        case TB_CELL_COUNT:
        default:
          /* 上年结转 small, the results at least 1 per column (so 本年新收 >= 0). */
          if (g_str_equal (c->row_key, "r2_carry_in"))
            v = v % 2;
          else if (g_str_equal (c->row_key, "r3_1_open"))
            v += 1;
          tb_report_set_cell_value (report, i, v, NULL);
          break;
        }
    }
  /* Warning rules that would otherwise fire by chance. */
  if (g_str_equal (format_id, "2019"))
    {
      tb_test_set_value (report, "t2.reg.total", tb_test_get (report, "t2.reg.published") + 3);
      tb_test_set_value (report, "t2.norm.total", tb_test_get (report, "t2.norm.published") + 3);
    }
  else
    tb_test_set_value (report, "s6.fee_notices", 100 + seed % 5);
  tb_test_balance_t3 (report, FALSE);

  tb_report_set_text (report, "s1", "本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。");
  tb_report_set_text (report, "s5", "存在的主要问题是公开内容不够全面，明年将加以改进。");
  tb_report_set_text (report, "s6", "本年度无其他需要报告的事项，未收取信息处理费。");
  tb_report_thaw (report);
  tb_report_set_modified (report, FALSE);
  return report;
}

static const char full_s1[] =
  "2021年，本机关坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，"
  "按照“公开为常态、不公开为例外”的原则，推进政府信息公开工作。\n"
  "（一）主动公开\n"
  "全年通过门户网站主动公开政府信息1234条，其中规范性文件12件。如有新的政策文件，均在制发后二十个工作日内公开。\n"
  "（二）依申请公开。全年收到政府信息公开申请若干件，均在法定期限内答复，答复率100%。\n"
  "（三）政府信息管理。健全政府信息公开审查机制，严格执行“先审查、后公开”和“一事一审”制度。\n"
  "（四）政府信息公开平台建设。优化门户网站政府信息公开专栏，及时更新法定主动公开内容。\n"
  "（五）监督保障。将政府信息公开工作纳入年度考核，开展培训2次，未发生责任追究情况。";
static const char full_s5[] =
  "存在的主要问题：一是部分信息公开不够及时；二是政策解读形式比较单一。\n"
  "改进情况：下一步，本机关将加强信息发布审核，丰富解读形式，如图表图解、视频解读等，"
  "不断提升政府信息公开工作质量。";
static const char full_s6[] = "本年度无其他需要报告的事项。";

TbReport *
tb_test_make_full_2021 (void)
{
  const TbFormat *format = tb_format_get ("2021");
  TbReport *report = tb_report_new (format);
  const TbTableSpec *t3 = tb_format_find_table (format, "t3");
  const TbTableSpec *t2 = tb_format_find_table (format, "t2");
  const TbTableSpec *t4 = tb_format_find_table (format, "t4");
  g_autoptr(GError) error = NULL;

  tb_report_set_agency (report, "示例县审计局");
  tb_report_set_year (report, 2021);
  tb_report_set_report_date (report, "2022-01-20");
  tb_report_set_created (report, "2022-01-05T09:00:00Z");
  tb_report_set_modified_time (report, "2022-01-20T08:30:00Z");
  tb_report_set_text (report, "s1", full_s1);
  tb_report_set_text (report, "s5", full_s5);
  tb_report_set_text (report, "s6", full_s6);
  tb_test_set_value (report, "s6.fee_notices", 15);
  g_assert_true (tb_report_set_cell_text (report, tb_test_cell (report, "s6.fee_notified"),
                                          "1200", &error));
  g_assert_true (tb_report_set_cell_text (report, tb_test_cell (report, "s6.fee_collected"),
                                          "800.5", &error));

  for (guint i = 0; i < t2->n_cells; i++)
    {
      const TbCellSpec *spec = tb_format_get_cell (format, t2->first_cell + i);

      if (spec->kind == TB_CELL_AMOUNT)
        g_assert_true (tb_report_set_cell_text (report, spec->index, "12.3456", &error));
      else
        tb_report_set_cell_value (report, spec->index, 3 + 7 * i, NULL);
    }

  /* Table 三: the detail rows, the carried-over rows, then 一 from the balance T3-1. */
  for (guint i = 0; i < t3->n_cells; i++)
    {
      const TbCellSpec *spec = tb_format_get_cell (format, t3->first_cell + i);

      if (spec->total_rule >= 0)
        continue;
      if (g_str_equal (spec->row_key, "r1_new"))
        continue;
      if (g_str_equal (spec->row_key, "r2_carry_in"))
        tb_report_set_cell_value (report, spec->index, 2 + i % 5, NULL);
      else if (g_str_equal (spec->row_key, "r4_carry_out"))
        tb_report_set_cell_value (report, spec->index, 4 + i % 3, NULL);
      else
        tb_report_set_cell_value (report, spec->index, 1 + (i * 7) % 23, NULL);
    }
  tb_test_balance_t3 (report, FALSE);

  for (guint i = 0; i < t4->n_cells; i++)
    {
      const TbCellSpec *spec = tb_format_get_cell (format, t4->first_cell + i);

      if (spec->total_rule < 0)
        tb_report_set_cell_value (report, spec->index, 1 + i, NULL);
    }
  tb_rules_compute_totals (report);
  tb_test_assert_ready (report);
  return report;
}

/* Texts from the published report, every value 0 except the two non-zero cells it has. */
static const char sample_s1[] =
  "2020 年以来，我局坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九届三中、四中、五中全会精神，"
  "按照“公开为原则，不公开为例外”的要求，认真做好政府信息公开工作。\n"
  "(一) 主动公开。2020 年我局通过盐池县政府门户网站主动公开各类政府信息，其中：主动公开政府信息共 32 条，"
  "单位制发 17 条，转发审计署网站信息 16 条。2020 年度，我局公开了 2020 年审计项目计划、2020 年度普法责任"
  "“四清单一办法”、政府开放日工作情况、2019 年法治政府建设情况报告，行政执法公示制度、行政执法全过程记录制度、"
  "重大行政执法决定法制审核制度等信息。进一步加强审计信息的公开力度，不断增强审计信息公开的及时性和广泛性。\n"
  "(二) 依申请公开。为保障人民群众能够有效的，快捷的获取信息，打造畅快的政府信息公开申请受理渠道，我局制定了"
  "《盐池县审计局信息公开指南》，明确政府信息的受理机构、申请程序、申请处理等有关程序。妥善的处理依申请公开的"
  "各类事项。2020 年度我局未收到政府信息公开申请，未发生因政府信息公开而受理行政复议、行政诉讼、举报等情况。\n"
  "(三)政府信息管理。我局结合审计工作实际，修订了《盐池县审计局政务公开工作实施方案》、《盐池县审计局信息公开"
  "指南》、《政务公开制度》等制度，进一步加强了政务信息管理，政府信息公开工作得到了有效加强。\n"
  "(四)平台建设。我局除在盐池县政府门户网站设立“审计公告”外，还积极用微信公众号类的政务新媒体推进政府信息公开，"
  "2020年度我局政务新媒体共发布信息131条，为传播正能量，建立与群众沟通交流的平台做出了一些贡献。\n"
  "(五)监督保障。及时成立了以局党组书记、局长为组长，分管政务公开副局长为副组长，并且安排专人具体负责，领导小组"
  "充分发挥作用，严格贯彻落实《中华人民共和国政府信息公开条例》和县政务公开领导小组的相关要求，认真履行监督指导"
  "职责，督促做好主动公开、依申请公开政府信息的范围和程序、公开信息审查、更新发布等工作。凡公开信息，必须由办公室"
  "主任审查，签字后交由主管领导进行审核，最后经局主要领导再次审核后才可以进行公开，以确保信息内容合法合规，表述"
  "无误。并为接受群众监督，2020年11月6日，我局举办政府开放日活动，邀请党代表、政协委员、人大代表和群众代表共计"
  "15人参加，并征求参会人员意见建议，为我局今后发展提供了宝贵的意见。";
static const char sample_s5[] =
  "2020 年，我局政务公开信息取得了一些成绩，但对照上级的要求和民众的期望，还存在着一些不足，一是主动公开的内容、"
  "范围还需进一步规范。二是政府网站和政务新媒体上传的信息质量有待进一步提高。三是我局政务公开工作人员需进一步的"
  "加强自身政务公开工作能力，确保将政务公开工作与审计工作紧密联系起来。\n"
  "下一步我局将继续坚持以“公开为原则，不公开为例外”的总体要求，切实做好政府信息公开工作。一是完善政务公开机制"
  "建设，加强政务公开工作队伍建设，加大政务公开工作培训力度，全面提升我局政务公开能力。二是积极学习专业知识，"
  "丰富公开形式和公开内容。三是不断完善政务公开工作内容。及时更新政务信息，主动向社会公开可以公开的信息，确保"
  "政务信息公开的完整性、全面性和及时性。做到积极稳妥、讲求时效、信息真实，并且着力提升政务公开工作质量。";

TbReport *
tb_test_make_sample_2020 (void)
{
  const TbFormat *format = tb_format_get ("2019");
  TbReport *report = tb_report_new (format);

  tb_report_set_agency (report, "盐池县审计局");
  tb_report_set_year (report, 2020);
  tb_report_set_report_date (report, "2021-01-15");
  tb_report_set_modified_time (report, "2021-01-15T02:00:00Z");
  tb_report_set_text (report, "s1", sample_s1);
  tb_report_set_text (report, "s5", sample_s5);
  tb_report_set_text (report, "s6", "无。");
  for (guint i = 0; i < tb_format_get_n_cells (format); i++)
    {
      const TbCellSpec *spec = tb_format_get_cell (format, i);

      tb_report_set_cell_value (report, i, 0,
                                spec->kind == TB_CELL_AMOUNT_UNIT ? "元" : NULL);
    }
  tb_test_set_value (report, "t2.norm.total", 2);
  tb_test_set_value (report, "t2.service.previous", 1);
  tb_test_assert_ready (report);
  return report;
}

void
tb_test_assert_ready (TbReport *report)
{
  g_autoptr(GPtrArray) issues = tb_rules_check (report);

  for (guint i = 0; i < issues->len; i++)
    {
      TbIssue *issue = g_ptr_array_index (issues, i);

      if (issue->severity != TB_SEVERITY_WARNING)
        g_test_message ("issue %s: %s", issue->key, issue->message);
    }
  g_assert_cmpuint (tb_rules_count (issues, TB_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (tb_rules_count (issues, TB_SEVERITY_INCOMPLETE), ==, 0);
  g_assert_cmpuint (tb_readiness_count_blocking_issues (report), ==, 0);
}

void
tb_test_assert_same_meta (TbReport *a,
                          TbReport *b)
{
  g_assert_true (tb_report_get_format (b) == tb_report_get_format (a));
  g_assert_cmpstr (tb_report_get_agency (a), ==, tb_report_get_agency (b));
  g_assert_cmpint (tb_report_get_year (a), ==, tb_report_get_year (b));
  g_assert_cmpstr (tb_report_get_preparer (a), ==, tb_report_get_preparer (b));
  g_assert_cmpstr (tb_report_get_contact (a), ==, tb_report_get_contact (b));
  g_assert_cmpstr (tb_report_get_report_date (a), ==, tb_report_get_report_date (b));
  g_assert_cmpint (tb_report_get_manual_totals (a), ==, tb_report_get_manual_totals (b));
}

void
tb_test_assert_same_texts (TbReport *a,
                           TbReport *b)
{
  const TbFormat *format = tb_report_get_format (a);
  g_autoptr(GPtrArray) acks_a = tb_report_list_acknowledged (a);
  g_autoptr(GPtrArray) acks_b = tb_report_list_acknowledged (b);

  for (guint i = 0; i < tb_format_get_n_sections (format); i++)
    {
      const char *id = tb_format_get_section (format, i)->id;

      g_assert_cmpstr (tb_report_get_text (a, id), ==, tb_report_get_text (b, id));
    }
  g_assert_cmpuint (acks_a->len, ==, acks_b->len);
  for (guint i = 0; i < acks_a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (acks_a, i), ==, g_ptr_array_index (acks_b, i));
}

/* ---- Issues -------------------------------------------------------------------------- */

const TbIssue *
tb_test_find_issue (GPtrArray  *issues,
                    const char *key)
{
  for (guint i = 0; i < issues->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (issues, i);

      if (g_strcmp0 (issue->key, key) == 0)
        return issue;
    }
  return NULL;
}

gboolean
tb_test_issue_has_cell (TbReport      *report,
                        const TbIssue *issue,
                        const char    *id)
{
  for (guint i = 0; i < issue->n_cells; i++)
    if (g_str_equal (tb_format_get_cell (tb_report_get_format (report), issue->cells[i])->id, id))
      return TRUE;
  return FALSE;
}

guint
tb_test_count_issues (GPtrArray  *issues,
                      const char *rule_prefix_to_skip)
{
  guint n = 0;

  for (guint i = 0; i < issues->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (issues, i);

      if (rule_prefix_to_skip == NULL || !g_str_has_prefix (issue->rule, rule_prefix_to_skip))
        n++;
    }
  return n;
}

guint
tb_test_count_rule (GPtrArray  *issues,
                    const char *rule)
{
  guint n = 0;

  for (guint i = 0; i < issues->len; i++)
    n += g_str_equal (((const TbIssue *) g_ptr_array_index (issues, i))->rule, rule);
  return n;
}

void
tb_test_dump_issues (GPtrArray *issues)
{
  for (guint i = 0; i < issues->len; i++)
    {
      const TbIssue *issue = g_ptr_array_index (issues, i);

      g_test_message ("%s %s: %s", tb_severity_to_string (issue->severity), issue->key,
                      issue->message);
    }
}

/* ---- Files and processes ------------------------------------------------------------- */

char *
tb_test_make_dir (const char *first_element,
                  ...)
{
  va_list args;
  char *dir;

  va_start (args, first_element);
  dir = g_build_filename_valist (first_element, &args);
  va_end (args);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return dir;
}

GBytes *
tb_test_read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

char *
tb_test_file_cell (const char *path,
                   const char *id)
{
  g_autoptr(TbReport) report = tb_draft_load (path, NULL);

  g_assert_nonnull (report);
  return tb_test_dup_text (report, id);
}

void
tb_test_write_file (const char *path,
                    const char *data,
                    gssize      len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

guint
tb_test_count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

gboolean
tb_test_private_mounts (void)
{
  static gboolean done;

  if (done)
    return TRUE;
  if (unshare (CLONE_NEWNS) < 0)
    return FALSE;
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
    return FALSE;
  done = TRUE;
  return TRUE;
}

gboolean
tb_test_private_tmpfs (const char *dir,
                       const char *options)
{
  if (!tb_test_private_mounts ())
    return FALSE;
  return mount ("tmpfs", dir, "tmpfs", 0, options) == 0;
}

gboolean
tb_test_can_mount (const char *dir)
{
  int status = 0;
  pid_t pid;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    _exit (tb_test_private_tmpfs (dir, "size=16k") ? 0 : 1);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

guint
tb_test_count_recovery (void)
{
  g_autoptr(GPtrArray) entries = tb_recovery_list (NULL);

  return entries->len;
}

char *
tb_test_run_tool (const char *const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return g_steal_pointer (&out);
}

guint
tb_test_pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = tb_test_run_tool (argv);
  const char *p = strstr (info, "\nPages:");

  g_assert_nonnull (p);
  return (guint) g_ascii_strtoull (p + strlen ("\nPages:"), NULL, 10);
}

/* ---- Main loop ----------------------------------------------------------------------- */

void
tb_test_spin (void)
{
  tb_test_wait_io ();
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
tb_test_wait_io (void)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  /* A completion may start the next task (a save, then removing the recovery copy): the
   * count is taken after each callback returned. */
  while (tb_file_io_get_n_pending () > 0)
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > deadline)
        g_error ("file work still pending after a minute");
    }
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
tb_test_run_loop_for (guint msec)
{
  gboolean done = FALSE;

  g_timeout_add (msec, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* ---- Benchmarks ---------------------------------------------------------------------- */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

double
tb_test_percentile (GArray *samples,
                    double  p)
{
  guint i;

  g_array_sort (samples, compare_doubles);
  i = (guint) (p * (samples->len - 1) + 0.5);
  return g_array_index (samples, double, i);
}

/* The sample at len / 2. */
double
tb_test_median (GArray *samples)
{
  return tb_test_percentile (samples, 0.5);
}

double
tb_test_minimum (GArray *samples)
{
  return tb_test_percentile (samples, 0.0);
}
