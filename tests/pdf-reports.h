/* pdf-reports.h: the reports the PDF test and benchmark export (included, not compiled alone)
 *
 * Copyright 2026 The Tianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * make_full_2021 (): a 2021 report with non-zero values in every cell, consistent with
 * T3-1, T3-2, T3-3 and T4-1. make_sample_2020 (): the published 2020 report of 盐池县审计局
 * (format 2019), texts and values as published.
 */
#pragma once

#include <glib.h>

#include "tb-pdf.h"
#include "tb-rules.h"
#include "tb-value.h"

static const char *const applicant_cols[] = { "np", "biz", "res", "soc", "law", "oth" };

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

static guint
cell_index (TbReport   *report,
            const char *id)
{
  const TbCellSpec *spec = tb_format_find_cell (tb_report_get_format (report), id);

  g_assert_nonnull (spec);
  return spec->index;
}

static void
set_count (TbReport   *report,
           const char *id,
           gint64      value)
{
  tb_report_set_cell_value (report, cell_index (report, id), value, NULL);
}

static gint64
get_value (TbReport   *report,
           const char *id)
{
  const TbCellValue *v = tb_report_get_cell (report, cell_index (report, id));

  g_assert_cmpint (v->state, ==, TB_CELL_VALID);
  return v->value;
}

static void
assert_ready (TbReport *report)
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
  g_assert_cmpuint (tb_pdf_count_blocking_issues (report), ==, 0);
}

/* A full 2021 report with non-zero values everywhere, consistent with T3-1, T3-2, T3-3
 * and T4-1. */
G_GNUC_UNUSED static TbReport *
make_full_2021 (void)
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
  set_count (report, "s6.fee_notices", 15);
  g_assert_true (tb_report_set_cell_text (report, cell_index (report, "s6.fee_notified"),
                                          "1200", &error));
  g_assert_true (tb_report_set_cell_text (report, cell_index (report, "s6.fee_collected"),
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
  tb_rules_compute_totals (report);
  for (guint c = 0; c < G_N_ELEMENTS (applicant_cols); c++)
    {
      g_autofree char *total = g_strdup_printf ("t3.r3_7_total.%s", applicant_cols[c]);
      g_autofree char *carry_in = g_strdup_printf ("t3.r2_carry_in.%s", applicant_cols[c]);
      g_autofree char *carry_out = g_strdup_printf ("t3.r4_carry_out.%s", applicant_cols[c]);
      g_autofree char *new_id = g_strdup_printf ("t3.r1_new.%s", applicant_cols[c]);

      set_count (report, new_id, get_value (report, total) + get_value (report, carry_out) -
                 get_value (report, carry_in));
    }

  for (guint i = 0; i < t4->n_cells; i++)
    {
      const TbCellSpec *spec = tb_format_get_cell (format, t4->first_cell + i);

      if (spec->total_rule < 0)
        tb_report_set_cell_value (report, spec->index, 1 + i, NULL);
    }
  tb_rules_compute_totals (report);
  assert_ready (report);
  return report;
}

/* The sample report (盐池县审计局, 2020, format 2019): texts from the published report,
 * every value 0 except the two non-zero cells it has. */
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

G_GNUC_UNUSED static TbReport *
make_sample_2020 (void)
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
  set_count (report, "t2.norm.total", 2);
  set_count (report, "t2.service.previous", 1);
  assert_ready (report);
  return report;
}

