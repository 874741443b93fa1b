#!/usr/bin/python3
# make-fixtures.py: write the import fixtures of this folder and the drafts they must give
#
# Copyright 2026 The Tianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# One made-up but realistic 2021-format report (the numbers of tables 三 and 四 are the G2 test
# vector of FORMAT.md, which satisfies every rule; the agency and texts are invented) is written
# the way different sources give it: a portal page as CMSs write it (UTF-8, GBK with and
# without <meta charset>), Markdown from a converter, text copied from a PDF viewer, text
# copied from a browser saved as UTF-16, and one whose title is on 2020 while its labels are
# the 2021 format's. The expected draft (expected-2021.tianbao) is written from the same data,
# not from the importer. A small 2019-format report with every quirk the importer must not
# guess at (quirks-2019.txt) comes with its own expected draft (expected-quirks-2019.tianbao).
#
# The script checks the data against the format's equations before writing anything, so a
# typo here cannot make a fixture whose expected draft is inconsistent.
#
# Usage: tests/data/import/make-fixtures.py     (writes into its own folder)

import os
import sys
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))

AGENCY = '示例县人民政府办公室'
YEAR = 2024
TITLE = AGENCY + '%d年政府信息公开工作年度报告' % YEAR
PREFACE = ('根据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号要求，编制本报告。'
           '本报告所列数据的统计期限为%d年1月1日至12月31日。' % YEAR)

HEADINGS = {
    's1': '一、总体情况', 's2': '二、主动公开政府信息情况', 's3': '三、收到和处理政府信息公开申请情况',
    's4': '四、政府信息公开行政复议、行政诉讼情况', 's5': '五、存在的主要问题及改进情况',
    's6': '六、其他需要报告的事项',
}

TEXTS = {
    's1': [
        '%d年，示例县人民政府办公室坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实'
        '《中华人民共和国政府信息公开条例》，全面推进政务公开工作。' % YEAR,
        '（一）主动公开。全年通过县政府门户网站主动公开政府信息3265条，其中行政规范性文件12件，'
        '政策解读46篇，回应社会关切28次。',
        '（二）依申请公开。全年共收到政府信息公开申请14069件，均在法定期限内答复，未发生超期答复'
        '的情况。',
        '（三）政府信息管理。严格落实公开属性源头认定和保密审查机制，动态更新主动公开基本目录。',
        '（四）政府信息公开平台建设。持续优化政府门户网站信息公开专栏，推动政务新媒体规范运行。',
        '（五）监督保障。将政务公开工作纳入年度绩效考核，组织全县业务培训2次。',
    ],
    's5': [
        '一是主动公开的深度还需加强，部分领域信息更新不够及时。二是依申请公开答复的规范性有待提升，'
        '个别答复书引用条款不够准确。',
        '下一步，我们将加强业务培训，完善工作机制，进一步提升政务公开质量和实效。',
    ],
    's6': [
        '依据《政府信息公开信息处理费管理办法》，本机关%d年共发出收费通知215件，通知收费总金额'
        '25800元，实际收取信息处理费4000元。' % YEAR,
        '无其他需要报告的事项。',
    ],
}

FEES = {'s6.fee_notices': '215', 's6.fee_notified': '25800', 's6.fee_collected': '4000'}

T2 = [  # (block, head, rows: (key, label, [(cell key, column label, value)]))
    ('第二十条第（一）项', ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'], [
        ('reg', '规章', [('made', '0'), ('repealed', '0'), ('valid', '0')]),
        ('norm', '行政规范性文件', [('made', '12'), ('repealed', '3'), ('valid', '85')]),
    ]),
    ('第二十条第（五）项', ['信息内容', '本年处理决定数量'], [
        ('licence', '行政许可', [('decisions', '1520')]),
    ]),
    ('第二十条第（六）项', ['信息内容', '本年处理决定数量'], [
        ('penalty', '行政处罚', [('decisions', '263')]),
        ('coercion', '行政强制', [('decisions', '18')]),
    ]),
    ('第二十条第（八）项', ['信息内容', '本年收费金额（单位：万元）'], [
        ('fee', '行政事业性收费', [('amount', '12.35')]),
    ]),
]

COLS = ['np', 'biz', 'res', 'soc', 'law', 'oth', 'tot']
COL_LABELS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']
NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'

# (key, labels from outer to inner, values np … tot): the G2 vector of FORMAT.md.
T3 = [
    ('r1_new', ['一、本年新收政府信息公开申请数量'], [13612, 252, 0, 45, 128, 32, 14069]),
    ('r2_carry_in', ['二、上年结转政府信息公开申请数量'], [535, 6, 0, 1, 18, 0, 560]),
    ('r3_1_open', ['三、本年度办理结果', '（一）予以公开'], [5345, 129, 0, 41, 19, 14, 5548]),
    ('r3_2_partial', ['三、本年度办理结果', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'],
     [2120, 39, 0, 1, 6, 2, 2168]),
    ('r3_3_1', ['三、本年度办理结果', '（三）不予公开', '1.属于国家秘密'], [13, 0, 0, 0, 0, 0, 13]),
    ('r3_3_2', ['三、本年度办理结果', '（三）不予公开', '2.其他法律行政法规禁止公开'], [30, 0, 0, 0, 0, 0, 30]),
    ('r3_3_3', ['三、本年度办理结果', '（三）不予公开', '3.危及“三安全一稳定”'], [11, 0, 0, 0, 0, 0, 11]),
    ('r3_3_4', ['三、本年度办理结果', '（三）不予公开', '4.保护第三方合法权益'], [49, 2, 0, 0, 0, 0, 51]),
    ('r3_3_5', ['三、本年度办理结果', '（三）不予公开', '5.属于三类内部事务信息'], [103, 1, 0, 0, 0, 0, 104]),
    ('r3_3_6', ['三、本年度办理结果', '（三）不予公开', '6.属于四类过程性信息'], [84, 1, 0, 0, 0, 0, 85]),
    ('r3_3_7', ['三、本年度办理结果', '（三）不予公开', '7.属于行政执法案卷'], [282, 4, 0, 0, 0, 0, 286]),
    ('r3_3_8', ['三、本年度办理结果', '（三）不予公开', '8.属于行政查询事项'], [147, 0, 0, 0, 1, 2, 150]),
    ('r3_4_1', ['三、本年度办理结果', '（四）无法提供', '1.本机关不掌握相关政府信息'], [3075, 50, 0, 0, 89, 8, 3222]),
    ('r3_4_2', ['三、本年度办理结果', '（四）无法提供', '2.没有现成信息需要另行制作'], [177, 3, 0, 0, 0, 0, 180]),
    ('r3_4_3', ['三、本年度办理结果', '（四）无法提供', '3.补正后申请内容仍不明确'], [19, 0, 0, 0, 0, 0, 19]),
    ('r3_5_1', ['三、本年度办理结果', '（五）不予处理', '1.信访举报投诉类申请'], [199, 1, 0, 0, 3, 0, 203]),
    ('r3_5_2', ['三、本年度办理结果', '（五）不予处理', '2.重复申请'], [147, 1, 0, 0, 0, 0, 148]),
    ('r3_5_3', ['三、本年度办理结果', '（五）不予处理', '3.要求提供公开出版物'], [0, 0, 0, 0, 0, 0, 0]),
    ('r3_5_4', ['三、本年度办理结果', '（五）不予处理', '4.无正当理由大量反复申请'], [100, 1, 0, 0, 0, 0, 101]),
    ('r3_5_5', ['三、本年度办理结果', '（五）不予处理', '5.要求行政机关确认或重新出具已获取信息'], [5, 0, 0, 0, 0, 0, 5]),
    ('r3_6_1', ['三、本年度办理结果', '（六）其他处理',
                '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'], [315, 3, 0, 0, 0, 0, 318]),
    ('r3_6_2', ['三、本年度办理结果', '（六）其他处理',
                '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
     [202, 0, 0, 1, 0, 0, 203]),
    ('r3_6_3', ['三、本年度办理结果', '（六）其他处理', '3.其他'], [941, 17, 0, 1, 3, 3, 965]),
    ('r3_7_total', ['三、本年度办理结果', '（七）总计'], [13364, 252, 0, 44, 121, 29, 13810]),
    ('r4_carry_out', ['四、结转下年度继续办理'], [783, 6, 0, 2, 25, 3, 819]),
]

T4_GROUPS = [('review', '行政复议'), ('direct', '未经复议直接起诉'), ('after', '复议后起诉')]
T4_COLS = [('upheld', '结果维持'), ('corrected', '结果纠正'), ('other', '其他结果'),
           ('pending', '尚未审结'), ('total', '总计')]
T4 = {'review': [376, 97, 196, 121, 790], 'direct': [16, 1, 12, 27, 56], 'after': [74, 1, 30, 51, 156]}


def check_data():
    rows = {key: values for key, _, values in T3}
    for key, _, v in T3:
        assert sum(v[:6]) == v[6], key                                   # T3-3
    parts = [k for k, _, _ in T3 if k.startswith('r3_') and k != 'r3_7_total']
    for c in range(7):
        assert rows['r3_7_total'][c] == sum(rows[k][c] for k in parts), c  # T3-2
        assert (rows['r1_new'][c] + rows['r2_carry_in'][c] ==
                rows['r3_7_total'][c] + rows['r4_carry_out'][c]), c       # T3-1
    for g, v in T4.items():
        assert sum(v[:4]) == v[4], g                                      # T4-1
    assert int(FEES['s6.fee_notices']) >= rows['r3_6_2'][6]              # T3-7


def cells_2021():
    cells = []
    for _, _, rows in T2:
        for key, _, values in rows:
            for ck, value in values:
                cells.append(('t2.%s.%s' % (key, ck), value, False))
    for key, _, values in T3:
        for c, value in zip(COLS, values):
            cells.append(('t3.%s.%s' % (key, c), str(value), False))
    for g, _ in T4_GROUPS:
        for (ck, _), value in zip(T4_COLS, T4[g]):
            cells.append(('t4.%s.%s' % (g, ck), str(value), False))
    for fid, value in FEES.items():
        cells.append((fid, value, False))
    return cells


def draft(fmt, agency, year, cells, texts):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<!-- Written by tests/data/import/make-fixtures.py: what importing the fixtures',
           '     must give. -->',
           '<tianbao-report version="1" format="%s">' % fmt,
           '  <meta>', '    <agency>%s</agency>' % escape(agency), '    <year>%d</year>' % year,
           '  </meta>', '  <settings manual-totals="true"/>', '  <cells>']
    for cid, value, invalid in cells:
        attr = ' invalid="true"' if invalid else ''
        out.append('    <cell id="%s"%s>%s</cell>' % (cid, attr, escape(value)))
    out += ['  </cells>', '  <texts>']
    for sid, paragraphs in texts.items():
        out.append('    <text section="%s">%s</text>' % (sid, escape('\n'.join(paragraphs))))
    out += ['  </texts>', '  <acknowledged/>', '</tianbao-report>', '']
    return '\n'.join(out)


def write(name, data, encoding='utf-8'):
    with open(os.path.join(HERE, name), 'wb') as f:
        f.write(data.encode(encoding) if isinstance(data, str) else data)


# ---------------------------------------------------------------- a portal page (HTML)

def spans(text):
    """A label as some CMSs write it: cut into several spans."""
    if len(text) < 6:
        return '<span style="font-family:仿宋_GB2312">%s</span>' % text
    cut = len(text) // 2
    return ('<span style="font-family:仿宋_GB2312">%s</span><span lang="EN-US">%s</span>'
            % (text[:cut], text[cut:]))


def td(text, colspan=1, rowspan=1, p=True):
    attrs = ''
    if colspan > 1:
        attrs += ' colspan="%d"' % colspan
    if rowspan > 1:
        attrs += ' rowspan="%d"' % rowspan
    body = '<p style="text-align:center">%s</p>' % text if p else text
    return '<td%s valign="center">%s</td>' % (attrs, body)


def html_t2():
    out = ['<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" width="600">']
    for block, head, rows in T2:
        out.append('<tr>%s</tr>' % td('<b>%s</b>' % block, colspan=4))
        if len(head) == 4:
            out.append('<tr>%s</tr>' % ''.join(td(spans(h)) for h in head))
        else:
            out.append('<tr>%s%s</tr>' % (td(head[0]), td(head[1], colspan=3)))
        for _, label, values in rows:
            if len(values) == 3:
                out.append('<tr>%s%s</tr>' % (td(spans(label)), ''.join(td(v) for _, v in values)))
            else:
                out.append('<tr>%s%s</tr>' % (td(spans(label)), td(values[0][1], colspan=3)))
    out.append('</table>')
    return '\n'.join(out)


def html_t3_head():
    return ('<tr>%s%s</tr>\n<tr>%s%s%s</tr>\n<tr>%s</tr>' % (
        td(NOTE, colspan=3, rowspan=3), td('申请人情况', colspan=7),
        td('自然人', rowspan=2), td('法人或其他组织', colspan=5), td('总计', rowspan=2),
        ''.join(td(c) for c in COL_LABELS[1:6])))


def html_t3():
    """Table 三 split into two tables at a page break, the header repeated (and the labels
    that span rows started again in the second table, as Word does)."""
    split = [k for k, _, _ in T3].index('r3_3_4') + 1
    out = []
    for part in (T3[:split], T3[split:]):
        out += ['<table border="1" cellspacing="0" style="border-collapse:collapse">',
                html_t3_head()]
        for i, (key, labels, values) in enumerate(part):
            cells = []
            for depth, label in enumerate(labels):
                if depth == len(labels) - 1:
                    if key == 'r3_2_partial':  # a label in two lines of its cell
                        cells.append(td('（二）部分公开<br/>（区分处理的，只计这一情形，不计其他情形）',
                                        colspan=3 - depth))
                    else:
                        cells.append(td(spans(label), colspan=3 - depth))
                    continue
                if i > 0 and len(part[i - 1][1]) > depth + 1 and part[i - 1][1][depth] == label:
                    continue
                run = 0
                while (i + run < len(part) and len(part[i + run][1]) > depth + 1 and
                       part[i + run][1][depth] == label):
                    run += 1
                cells.append(td(label, rowspan=run))
            # &nbsp; around a number, as editors leave it.
            cells += [td('&nbsp;%d&nbsp;' % v if n == 0 else str(v)) for n, v in enumerate(values)]
            out.append('<tr>%s</tr>' % ''.join(cells))
        out.append('</table>')
        if part is not T3[split:]:
            out.append('<p style="page-break-before:always">&nbsp;</p>')
    return '\n'.join(out)


def html_t4():
    out = ['<table border="1" cellspacing="0">',
           '<tr>%s%s</tr>' % (td('行政复议', colspan=5), td('行政诉讼', colspan=10)),
           '<tr>%s%s%s</tr>' % (''.join(td(label, rowspan=2) for _, label in T4_COLS),
                                td('未经复议直接起诉', colspan=5), td('复议后起诉', colspan=5)),
           '<tr>%s</tr>' % ''.join(td(label) for _ in range(2) for _, label in T4_COLS),
           '<tr>%s</tr>' % ''.join(td(str(v)) for g, _ in T4_GROUPS for v in T4[g]),
           '</table>']
    return '\n'.join(out)


def portal_page(charset_meta):
    paragraphs = lambda sid: '\n'.join(
        '<p style="text-indent:2em">\u3000\u3000%s</p>' % t.replace('，', '，&nbsp;', 1)
        for t in TEXTS[sid])
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=%s">' % charset_meta \
        if charset_meta else ''
    return '''<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html>
<head>
%(meta)s
<title>%(title)s_示例县人民政府</title>
<link rel="stylesheet" href="/css/style.css">
<style>.nav li {float:left} .article p {line-height:2}</style>
<script src="/js/jquery.min.js"></script>
<script>var _hmt = _hmt || []; document.write("<p>一、脚本里的字</p>");</script>
</head>
<body>
<div class="top-bar">无障碍 | 长者模式 | 繁体版 | 登录</div>
<div class="header"><img src="/img/logo.png" alt="示例县人民政府"></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>
<div class="main-wrap">
<div class="sidebar"><h3>相关报告</h3><ul>
<li><a href="/nb/2023.html">示例县人民政府办公室2023年政府信息公开工作年度报告</a></li>
<li><a href="/nb/2022.html">示例县人民政府办公室2022年政府信息公开工作年度报告</a></li>
</ul></div>
<div class="article">
<h1 class="article-title">%(title)s</h1>
<div class="info">来源：县政府办公室&nbsp;&nbsp;发布时间：%(next)d-01-20&nbsp;&nbsp;浏览次数：<span id="hits">1024</span>
&nbsp;&nbsp;字号：<a href="#">【大】</a><a href="#">【中】</a><a href="#">【小】</a></div>
<div id="zoom" class="article-content TRS_Editor">
<p>%(preface)s</p>
<p><strong>一、总体情况</strong></p>
%(s1)s
<p><strong><span>二、</span><span>主动公开政府信息情况</span></strong></p>
%(t2)s
<p><strong>三、收到和处理政府信息公开申请情况</strong></p>
%(t3)s
<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>
%(t4)s
<p><strong>五、存在的主要问题及改进情况</strong></p>
%(s5)s
<p><strong>六、其他需要报告的事项</strong></p>
%(s6)s
</div>
<div class="bdsharebuttonbox"><span>分享到：</span><a class="bds_weixin" href="#"></a><a class="bds_tsina" href="#"></a></div>
<div class="print-close"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
</div>
<div class="footer"><p>主办：示例县人民政府办公室&nbsp;&nbsp;承办：示例县大数据中心</p>
<p>网站标识码：0000000000&nbsp;&nbsp;备案号：示ICP备00000000号</p></div>
</body>
</html>
''' % {'meta': meta, 'title': TITLE, 'next': YEAR + 1, 'preface': PREFACE,
       's1': paragraphs('s1'), 's5': paragraphs('s5'), 's6': paragraphs('s6'),
       't2': html_t2(), 't3': html_t3(), 't4': html_t4()}


# ---------------------------------------------------------------- Markdown from a converter

def markdown():
    out = ['# ' + TITLE, '', PREFACE, '', '## ' + HEADINGS['s1'], '']
    out += [t + '\n' for t in TEXTS['s1']]
    out += ['## ' + HEADINGS['s2'], '', '| 第二十条第（一）项 | | | |', '|---|---|---|---|']
    for block, head, rows in T2:
        if block != '第二十条第（一）项':
            out.append('| %s | | | |' % block)
        out.append('| %s |' % ' | '.join(head + [''] * (4 - len(head))))
        for _, label, values in rows:
            vals = [v for _, v in values]
            out.append('| %s |' % ' | '.join([label] + vals + [''] * (3 - len(vals))))
    out += ['', '## ' + HEADINGS['s3'], '',
            '| %s | | | 申请人情况 | | | | | | |' % NOTE.strip('（）'),
            '|:---|---|---|---:|---:|---:|---:|---:|---:|---:|',
            '| | | | 自然人 | 法人或其他组织 | | | | | 总计 |',
            '| | | | | 商业机构 | 科研机构 | 社会公益组织 | 法律服务 | 其他 | |']
    for key, labels, values in T3:
        padded = labels + [''] * (3 - len(labels)) if len(labels) < 3 else labels
        if len(labels) == 2:
            padded = [labels[0], labels[1], '']
        out.append('| %s |' % ' | '.join(padded + ['{:,}'.format(v) for v in values]))
    out += ['', '## ' + HEADINGS['s4'], '',
            '| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |',
            '|' + '---|' * 15,
            '| %s | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |' %
            ' | '.join(l for _, l in T4_COLS),
            '| | | | | | %s |' % ' | '.join(l for _ in range(2) for _, l in T4_COLS),
            '| %s |' % ' | '.join(str(v) for g, _ in T4_GROUPS for v in T4[g]), '',
            '## ' + HEADINGS['s5'], '']
    out += [t + '\n' for t in TEXTS['s5']]
    out += ['## ' + HEADINGS['s6'], '']
    out += [t + '\n' for t in TEXTS['s6']]
    return '\n'.join(out)


# ---------------------------------------------------------------- text from a PDF viewer

def wrap(text, width):
    """Lines as a PDF viewer gives them: the first indented by two ideographic spaces."""
    lines, first = [], True
    while text:
        w = width - 2 if first else width
        lines.append(('\u3000\u3000' if first else '') + text[:w])
        text, first = text[w:], False
    return lines


def pdf_copy():
    W = 29
    out = ['\u3000' * 6 + AGENCY, '\u3000' * 3 + '%d年政府信息公开工作年度报告' % YEAR, '']
    out += wrap(PREFACE, W)
    out.append(HEADINGS['s1'])
    for t in TEXTS['s1']:
        out += wrap(t, W)
    # A page break in the middle of section 一.
    out[len(out) - 3:len(out) - 3] = ['', '- 1 -', '']
    out.append(HEADINGS['s2'])
    for block, head, rows in T2:
        out.append(block)
        out.append('   '.join(head))
        for _, label, values in rows:
            out.append(' '.join([label.replace('（', '(').replace('）', ')')] + [v for _, v in values]))
    out.append(HEADINGS['s3'])
    head = ['%s      申请人情况' % NOTE.replace('（', '(').replace('）', ')'),
            '自然人     法人或其他组织     总计',
            '商业企业   科研机构   社会公益组织   法律服务机构   其他']
    out += head
    for key, labels, values in T3:
        label = ' '.join(labels).replace('（', '(').replace('）', ')')
        nums = ['{:,}'.format(v) for v in values]
        if key == 'r3_2_partial':
            # The row goes on on the next line.
            out.append(label + ' ' + ' '.join(nums[:3]))
            out.append(' '.join(nums[3:]))
        elif key == 'r3_6_2':
            # The label is cut over two lines.
            out.append(labels[-1][:27])
            out.append(labels[-1][27:] + ' ' + ' '.join(nums))
        elif key == 'r3_1_open':
            # Full-width digits, as some PDFs have them.
            out.append(label + ' ' + ' '.join(
                n.translate(str.maketrans('0123456789,', '０１２３４５６７８９，')) for n in nums))
        else:
            out.append(label + ' ' + ' '.join(nums))
        if key == 'r3_3_8':
            out += ['', '- 2 -', ''] + head
    out.append(HEADINGS['s4'])
    out.append('行政复议                    行政诉讼')
    out.append('结果维持  结果纠正  其他结果  尚未审结  总计  未经复议直接起诉  复议后起诉')
    out.append('  '.join(l for _ in range(2) for _, l in T4_COLS))
    out.append(' '.join(str(v) for g, _ in T4_GROUPS for v in T4[g]))
    out.append(HEADINGS['s5'])
    for t in TEXTS['s5']:
        out += wrap(t, W)
    out.append(HEADINGS['s6'])
    for t in TEXTS['s6']:
        out += wrap(t, W)
    # The sign-off: not part of section 六's text.
    out += ['', '\u3000' * 10 + AGENCY, '\u3000' * 10 + '%d年1月20日' % (YEAR + 1), '']
    return '\n'.join(out)


# ---------------------------------------------------------------- text copied from a browser

def web_copy(title):
    out = [title, '', PREFACE, '', HEADINGS['s1'], '']
    for t in TEXTS['s1']:
        out += [t, '']
    out += [HEADINGS['s2'], '']
    for block, head, rows in T2:
        out.append(block + '\t\t\t')
        out.append('\t'.join(head + [''] * (4 - len(head))))
        for _, label, values in rows:
            out.append('\t'.join([label] + [v for _, v in values] + [''] * (3 - len(values))))
    out += ['', HEADINGS['s3'], '']
    out.append(NOTE.replace('（', '(').replace('）', ')') + '\t\t申请人情况\t\t\t\t\t\t')
    out.append('\t\t自然人\t法人或其他组织\t\t\t\t\t总计')
    out.append('\t\t\t商业机构\t科研机构\t社会公益组织\t法律服务\t其他\t')
    for key, labels, values in T3:
        cells = [l.replace('（', '(').replace('）', ')') for l in labels]
        # As a browser copies a table with spanned cells: the spanned label only on its
        # first row, its place empty on the others.
        if len(labels) == 1:
            lead = [cells[0], '']
        elif len(labels) == 2:
            lead = [cells[0] if key == 'r3_1_open' else '', cells[1]]
        else:
            lead = ['', cells[1] if labels[2].startswith('1.') else '', cells[2]]
        out.append('\t'.join(lead + [str(v) for v in values]))
    out += ['', HEADINGS['s4'], '']
    out.append('行政复议\t\t\t\t\t行政诉讼' + '\t' * 9)
    out.append('\t'.join(l for _, l in T4_COLS) + '\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t')
    out.append('\t' * 5 + '\t'.join(l for _ in range(2) for _, l in T4_COLS))
    out.append('\t'.join(str(v) for g, _ in T4_GROUPS for v in T4[g]))
    out += ['', HEADINGS['s5'], '']
    for t in TEXTS['s5']:
        out += [t, '']
    out += [HEADINGS['s6'], '']
    for t in TEXTS['s6']:
        out += [t, '']
    return '\r\n'.join(out)


# ---------------------------------------------------------------- 2019 format, with quirks

QUIRKS_AGENCY = '示例县审计局'


def quirks_2019():
    """Every case the importer must not guess at, in the 2019 format, on 2020."""
    zero7 = '\t'.join(['0'] * 7)
    lines = [
        '2020年 示例县审计局 政府信息公开工作年度报告', '',
        '一、总体情况', '', '2020年，我局认真做好政府信息公开工作。', '',
        '二、主动公开政府信息情况', '',
        '第二十条第（一）项\t\t\t',
        '信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量',
        '规章\t/\t—\t0',                # placeholders: kept as unreadable text
        '规范性文件\t1\t\t2',            # a blank cell between two values: stays blank
        '第二十条第（五）项\t\t\t',
        '信息内容\t上一年项目数量\t本年增/减\t处理决定数量',
        '行政许可\t3\t-1\t5',
        '其他对外管理服务事项\t0\t0\t0',
        '第二十条第（六）项\t\t\t',
        '信息内容\t上一年项目数量\t本年增/减\t处理决定数量',
        '行政处罚\t0\t0\t无',            # 无: a placeholder too
        '行政强制\t0\t0\t0',
        '第二十条第（八）项\t\t\t',
        '信息内容\t上一年项目数量\t本年增/减\t',
        '行政事业性收费\t2\t0\t',
        '第二十条第（九）项\t\t\t',
        '信息内容\t采购项目数量\t采购总金额\t',
        '政府集中采购\t1\t251000元\t', '',
        '三、收到和处理政府信息公开申请情况', '',
        '(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t\t申请人情况\t\t\t\t\t\t',
        '\t\t自然人\t法人或其他组织\t\t\t\t\t总计',
        '\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t',
        '一、本年新收政府信息公开申请数量\t\t3100204',       # run together: not split
        '二、上年结转政府信息公开申请数量\t\t' + zero7,
        '三、本年度办理结果\t(一) 予以公开\t' + '\t'.join(['3', '1', '0', '0', '0', '4']),  # 6 of 7, not certain
        '\t(二) 部分公开(区分处理的，只计这一情形，不计其他情形)\t' + zero7,
        '\t(三) 不予公开\t1.属于国家秘密\t' + '\t'.join(['0'] * 6),   # 6 of 7, all 0: certain
        '\t\t2.其他法律行政法规禁止公开\t' + '\t'.join(['0'] * 8),  # 8 of 7, all 0: certain
    ]
    for label in ['3.危及“三安全一稳定”', '4.保护第三方合法权益', '5.属于三类内部事务信息',
                  '6.属于四类过程性信息', '7.属于行政执法案卷', '8.属于行政查询事项']:
        lines.append('\t\t%s\t%s' % (label, zero7))
    lines += [
        '\t(四) 无法提供\t1.本机关不掌握相关政府信息\t' + zero7,
        '\t\t2.没有现成信息需要另行制作\t' + zero7,
        '\t\t3.补正后申请内容仍不明确\t' + zero7,
        '\t(五) 不予处理\t1.信访举报投诉类申请\t' + zero7,
        '\t\t2.重复申请\t' + zero7,
        '\t\t3.要求提供公开出版物\t' + zero7,
        '\t\t4.无正当理由大量反复申请\t' + zero7,
        '\t\t5.要求行政机关确认或重新出具已获取信息\t' + zero7,
        '\t(六) 其他处理\t' + zero7,
        # （七）总计 with a value missing too: nothing in the table tells which one.
        '\t(七) 总计\t' + '\t'.join(['3', '1', '0', '0', '0', '4']),
        '四、结转下年度继续办理\t\t' + zero7, '',
        '四、政府信息公开行政复议、行政诉讼情况', '',
        '行政复议\t\t\t\t\t行政诉讼' + '\t' * 9,
        '结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t',
        '\t\t\t\t\t' + '\t'.join(l for _ in range(2) for _, l in T4_COLS),
        # 14 values for 15 columns, and 行政复议 is not all 0: which one is missing cannot
        # be known.
        '\t'.join(['3', '1', '0', '4'] + ['0'] * 10), '',
        '五、存在的主要问题及改进情况', '', '信息公开的及时性有待提高。', '',
        '六、其他需要报告的事项', '', '无。', '']
    return '\n'.join(lines)


def quirks_2019_expected():
    cells = [
        ('t2.reg.made', '/', True), ('t2.reg.published', '—', True), ('t2.reg.total', '0', False),
        ('t2.norm.made', '1', False), ('t2.norm.total', '2', False),
        ('t2.licence.previous', '3', False), ('t2.licence.change', '-1', False),
        ('t2.licence.decisions', '5', False),
        ('t2.service.previous', '0', False), ('t2.service.change', '0', False),
        ('t2.service.decisions', '0', False),
        ('t2.penalty.previous', '0', False), ('t2.penalty.change', '0', False),
        ('t2.penalty.decisions', '无', True),
        ('t2.coercion.previous', '0', False), ('t2.coercion.change', '0', False),
        ('t2.coercion.decisions', '0', False),
        ('t2.fee.previous', '2', False), ('t2.fee.change', '0', False),
        ('t2.procurement.projects', '1', False), ('t2.procurement.amount', '251000', False),
    ]
    # Every row of 三 but the three that cannot be read (一, （一）, （七）) is 0.
    for row in ['r2_carry_in', 'r3_2_partial', 'r3_3_1', 'r3_3_2', 'r3_3_3', 'r3_3_4',
                'r3_3_5', 'r3_3_6', 'r3_3_7', 'r3_3_8', 'r3_4_1', 'r3_4_2', 'r3_4_3',
                'r3_5_1', 'r3_5_2', 'r3_5_3', 'r3_5_4', 'r3_5_5', 'r3_6', 'r4_carry_out']:
        for c in COLS:
            cells.append(('t3.%s.%s' % (row, c), '0', False))
    return cells


def main():
    check_data()
    write('expected-2021.tianbao', draft('2021', AGENCY, YEAR, cells_2021(),
                                         {s: TEXTS[s] for s in ('s1', 's5', 's6')}))
    write('portal-2021.html', portal_page('utf-8'))
    write('portal-2021-gbk.html', portal_page('gb2312'), 'gb18030')
    write('portal-2021-gbk-undeclared.html', portal_page(None), 'gb18030')
    write('converted-2021.md', markdown())
    write('pdf-copy-2021.txt', pdf_copy())
    write('web-copy-2021-utf16.txt', '\ufeff' + web_copy(TITLE), 'utf-16-le')
    write('labels-2021-year-2020.txt',
          web_copy('2020年%s政府信息公开工作年度报告' % AGENCY).replace('\r\n', '\n'))
    write('quirks-2019.txt', quirks_2019())
    quirk_cells = quirks_2019_expected()
    # The amount keeps its unit: the draft writes it as an attribute.
    text = draft('2019', QUIRKS_AGENCY, 2020, quirk_cells,
                 {'s1': ['2020年，我局认真做好政府信息公开工作。'], 's5': ['信息公开的及时性有待提高。'],
                  's6': ['无。']})
    text = text.replace('<cell id="t2.procurement.amount">', '<cell id="t2.procurement.amount" unit="元">')
    write('expected-quirks-2019.tianbao', text)
    return 0


if __name__ == '__main__':
    sys.exit(main())
