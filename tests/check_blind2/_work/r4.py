# 桐江县人力资源和社会保障局 2024 (.md)  planted: change_sum, table_row
from lib import *
R = 'R4'
FILE = 'tongjiang_renshe_2024.md'
DEPT = '桐江县人力资源和社会保障局'

P, P0 = D('9684270.80'), D('9312600.00')
U, U0 = D('1275526.65'), D('1441120.35')
B, B0 = P + U, P0 + U0
EMP, EMP0 = D('5126300.00'), D('4682000.00')
SIB, INSP, OTHER = D('3412870.00'), D('968400.00'), D('5775866.20')
J = EMP + SIB + INSP + OTHER
T, T0 = B + J, D('24918300.00')
BUD = D('27120000.00')
REC, REC0, CAR, CAR0 = 4860, 6100, 31425, 35610
PEN, UNEMP, INJ = D('1128364500'), D('36912300'), D('81046800')
ARB, ARB_CL, ARB_MED = 312, 305, 198
TRAIN = 5126
tab = [  # name, unit-kind, 2024, 2023
    ('城镇新增就业（人）', 'n', 3862, 3702),
    ('失业人员再就业（人）', 'n', 1204, 1322),
    ('就业困难人员实现就业（人）', 'n', 386, 352),
    ('发放创业担保贷款（万元）', 'm', D('46500000'), D('39800000')),
    ('职业技能培训（人次）', 'n', TRAIN, 4312),
    ('劳动人事争议仲裁结案（件）', 'n', ARB_CL, 287),
]
w = wan
lines = []
L = lines.append
F = []

L(f'# {DEPT}2024年度部门整体支出绩效自评报告')
L('根据县财政局《关于做好2024年度预算绩效自评工作的通知》（桐财绩函〔2025〕2号）要求，我局对照年初设定的绩效目标，对2024年度部门整体支出情况进行了全面自评，现报告如下。')
L('## 一、部门基本情况')
L('县人力资源和社会保障局负责统筹全县就业创业、社会保险、劳动关系、人事人才和职业技能建设工作，承担劳动保障监察和劳动人事争议仲裁职能。')
L('局机关设股室6个，即办公室、就业促进和劳动关系股、社会保险股、人事管理股、职业能力建设股、行政审批股；下属事业单位3个：县就业服务中心、县社会保险服务中心、县劳动人事争议仲裁院。')
L('县委编办核定行政编制15名、事业编制42名。截至2024年底，实有行政人员14人、事业人员44人（含按政策安置的军队转业干部2名），另有公益性岗位人员9人。')
L('## 二、部门整体支出情况')
L(f'2024年部门整体支出累计{w(T)}万元，比上年的{w(T0)}万元增加{w(T-T0)}万元，增长{pct(T-T0, T0)}%。其中基本支出{w(B)}万元，占部门整体支出的比重为{pct(B, T)}%；项目支出{w(J)}万元，所占比重为{pct(J, T)}%。')
check(R, 'prior_value', lambda c, p: c - p, [w(T), w(T0)], w(T-T0))
check(R, 'pct_change', lambda c, p: (c - p) / p * 100, [w(T), w(T0)], pct(T-T0, T0))
check(R, 'parts_sum', lambda a, b: a + b, [w(B), w(J)], w(T))
check(R, 'share', lambda a, b: a / b * 100, [w(B), w(T)], pct(B, T))
check(R, 'share', lambda a, b: a / b * 100, [w(J), w(T)], pct(J, T))
L(f'全年调整后预算{w(BUD)}万元，预算执行率{pct(T, BUD, 2)}%，年末结转结余{w(BUD-T)}万元，主要为跨年度实施的就业见习补贴项目资金。')
check(R, 'rate', lambda a, b: a / b * 100, [w(T), w(BUD)], pct(T, BUD, 2))
check(R, 'parts_sum', lambda a, b: b - a, [w(T), w(BUD)], w(BUD-T), note='结转结余 = 预算 - 支出')
L('### （一）基本支出')
CH_WRONG = '27.60'
CH_RIGHT = fmt(D(w(P-P0)) - D(w(U0-U)), 2)
assert w(B-B0) != CH_WRONG
L(f'基本支出{w(B)}万元，较上年同期增长{CH_WRONG}万元。其中：人员经费{w(P)}万元，较上年同期增加{w(P-P0)}万元，占基本支出的{pct(P, B)}%，增加的主要原因是新进事业编制人员5名及调整基础绩效奖；日常公用经费{w(U)}万元，较上年同期减少{w(U0-U)}万元，减幅{pct(U0-U, U0)}%，主要是压减办公费、委托业务费。')
check(R, 'parts_sum', lambda a, b: a + b, [w(P), w(U)], w(B))
check(R, 'change_sum', lambda a, b: a - b, [w(P-P0), w(U0-U)], CH_WRONG, planted=True)
F.append(dict(marker=f'较上年同期增长{CH_WRONG}万元', stated=f'{CH_WRONG}万元', recomputed=f'{CH_RIGHT}万元', kind='change_sum',
              working=f'{w(P-P0)} - {w(U0-U)} = {CH_RIGHT}'))
check(R, 'share', lambda a, b: a / b * 100, [w(P), w(B)], pct(P, B))
check(R, 'pct_change', lambda c, d: d / (c + d) * 100, [w(U), w(U0-U)], pct(U0-U, U0))
L('### （二）项目支出')
L(f'项目支出{w(J)}万元，包括就业创业服务经费{w(EMP)}万元、社会保险经办业务经费{w(SIB)}万元、劳动保障监察专项经费{w(INSP)}万元等。其中就业创业服务经费比上年增加{w(EMP-EMP0)}万元，上升{pct(EMP-EMP0, EMP0)}%，主要用于发放一次性扩岗补助、就业见习补贴和零工市场运营。')
check(R, 'pct_change', lambda c, d: d / (c - d) * 100, [w(EMP), w(EMP-EMP0)], pct(EMP-EMP0, EMP0))
L('### （三）“三公”经费')
L(f'“三公”经费合计{cnt(REC+CAR)}元。其中公务接待费{cnt(REC)}元，较上年减少{cnt(REC0-REC)}元，下降{pct(REC0-REC, REC0)}%；公务用车运行维护费{cnt(CAR)}元，比上年的{cnt(CAR0)}元减少{cnt(CAR0-CAR)}元；因公出国（境）费、公务用车购置费均为0元。')
check(R, 'parts_sum', lambda a, b: a + b, [cnt(REC), cnt(CAR)], cnt(REC+CAR))
check(R, 'pct_change', lambda c, d: d / (c + d) * 100, [cnt(REC), cnt(REC0-REC)], pct(REC0-REC, REC0))
check(R, 'prior_value', lambda c, p: p - c, [cnt(CAR), cnt(CAR0)], cnt(CAR0-CAR))
L('## 三、部门整体支出绩效情况')
L('（一）就业局势总体稳定。全年举办“春风行动”“民营企业服务月”等招聘活动42场，提供岗位1.2万余个；城镇调查失业率2.86%，上年为3.07%，下降0.21个百分点，控制在4.5%的目标以内。主要业务指标完成情况见下表。')
check(R, 'pp', lambda a, b: b - a, ['2.86', '3.07'], '0.21')
L('表3  2024年主要业务指标与上年对比')
L('| 指标名称 | 2024年 | 2023年 | 增减 | 增减率（%） |')
L('| --- | --- | --- | --- | --- |')
TW = None
for name, kind, a, b in tab:
    if kind == 'm':
        sa, sb, sd = w(a), w(b), fmt((a - b) / 10000, 2, True, True)
    else:
        sa, sb, sd = cnt(a), cnt(b), format(a - b, '+,')
    sp = fmt(D(a - b) / D(b) * 100, 1, False, True)
    cell = sd
    if name.startswith('职业技能培训'):
        digits = str(a - b)
        cell = '+' + digits[0] + digits[2] + digits[1]
        TW = (cell, sd)
    L(f'| {name} | {sa} | {sb} | {cell} | {sp} |')
    check(R, 'table_row', lambda x, y: abs(x - y), [sa, sb], cell, planted=name.startswith('职业技能培训'))
    check(R, 'table_row', lambda x, y: abs(x - y) / y * 100, [sa, sb], sp)
F.append(dict(marker='| 职业技能培训（人次）', stated=TW[0], recomputed=TW[1], kind='table_row',
              working=f'{TRAIN} - 4312 = {TRAIN-4312} → {TW[1]}'))
L(f'（二）技能培训扎实开展。全年开展职业技能培训{cnt(TRAIN)}人次，其中农村转移劳动力3,214人次、脱贫人口1,265人次、高校毕业生1,120人次，培训后取得职业资格证书或职业技能等级证书的比例为71.3%。')
L(f'（三）社会保障持续扩面。全县企业职工基本养老保险参保8.63万人，城乡居民基本养老保险参保21.4万人。全年社会保险待遇支出合计{yi(PEN+UNEMP+INJ)}亿元，其中养老保险待遇{yi(PEN)}亿元、失业保险待遇{yi(UNEMP)}亿元、工伤保险待遇{yi(INJ)}亿元；城乡居民基础养老金最低标准提高到每人每月163元。')
check(R, 'parts_sum', lambda a, b, c: a + b + c, [yi(PEN), yi(UNEMP), yi(INJ)], yi(PEN+UNEMP+INJ))
L(f'（四）劳动关系和谐稳定。县仲裁院受理劳动人事争议案件{ARB}件，结案{ARB_CL}件，结案率{pct(ARB_CL, ARB, 2)}%；其中调解结案{ARB_MED}件，调解成功率{pct(ARB_MED, ARB_CL, 2)}%（按调解结案数占结案总数计算）。检查用人单位428户，为1,046名劳动者追发工资1,286.4万元。')
check(R, 'rate', lambda a, b: a / b * 100, [str(ARB_CL), str(ARB)], pct(ARB_CL, ARB, 2))
check(R, 'rate', lambda a, b: a / b * 100, [str(ARB_MED), str(ARB_CL)], pct(ARB_MED, ARB_CL, 2))
L('（五）经办服务便捷高效。12333热线全年接听来电4.6万余通，接通率96.5%；社保经办业务“一网通办”率达到92%以上，养老保险待遇资格认证实现“静默认证”为主、上门认证为辅。')
L('（六）自评结果。我局2024年度部门整体支出绩效自评得分为88.5分，等级为“良”，主要扣分点在于项目预算执行进度和个别产出指标未达预期。')
L('## 四、存在的问题')
L('1. 在职人员控制率未达标。受军转干部政策性安置影响，事业编制实有人数超出核定编制，在职人员控制率为101.8%。')
L('2. 部分项目资金执行偏慢。就业见习补贴受企业申报周期影响，年末仍有部分资金结转；零工市场运营经费每季度拨付一次，个别季度拨付滞后10—15天。')
L('3. 技能培训与产业需求衔接不够紧密，电商直播、养老护理等紧缺工种培训规模偏小。')
L('## 五、下一步改进措施')
L('一是积极与编办沟通，通过自然减员逐步消化超编人员；二是加快项目资金拨付进度，力争2025年预算执行率不低于95%；三是围绕县域主导产业开发培训项目，计划全年培训不少于5,000人次。')
L('## 六、其他需要说明的情况')
L('本部门无政府性基金预算和国有资本经营预算支出；县本级社会保险基金预算执行情况另行专题报告。')

WARNINGS = [dict(marker='事业人员44人', stated='44人')]
TRAPS = [
    dict(marker='桐财绩函〔2025〕2号', text='（桐财绩函〔2025〕2号）', why='document number'),
    dict(marker='含按政策安置的军队转业干部2名', text='（含按政策安置的军队转业干部2名）', why='subset of staff, not a separate count'),
    dict(marker='劳动保障监察专项经费', text=f'项目支出{w(J)}万元，包括就业创业服务经费{w(EMP)}万元、社会保险经办业务经费{w(SIB)}万元、劳动保障监察专项经费{w(INSP)}万元等', why='incomplete list (包括…等): parts need not add up to the total'),
    dict(marker='提供岗位1.2万余个', text='提供岗位1.2万余个', why='approximate count'),
    dict(marker='控制在4.5%的目标以内', text='控制在4.5%的目标以内', why='target percentage'),
    dict(marker='其中农村转移劳动力3,214人次', text='其中农村转移劳动力3,214人次、脱贫人口1,265人次、高校毕业生1,120人次', why='overlapping groups: subsets only (sum exceeds total)'),
    dict(marker='比例为71.3%', text='比例为71.3%', why='rate without counts'),
    dict(marker='每人每月163元', text='城乡居民基础养老金最低标准提高到每人每月163元', why='per-person standard'),
    dict(marker='追发工资1,286.4万元', text='为1,046名劳动者追发工资1,286.4万元', why='unrelated amount and count'),
    dict(marker='接听来电4.6万余通', text='12333热线全年接听来电4.6万余通，接通率96.5%', why='approximate count, rate without counts'),
    dict(marker='在职人员控制率为101.8%', text='在职人员控制率为101.8%', why='控制率 = 58 ÷ 57 = 101.75% → 101.8%, consistent'),
    dict(marker='10—15天', text='个别季度拨付滞后10—15天', why='range'),
    dict(marker='不少于5,000人次', text='计划全年培训不少于5,000人次', why='target count'),
]
