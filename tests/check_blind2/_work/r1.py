# 青岚县医疗保障局 2024  (.md)  planted: share, rate, table_row
from lib import *
R = 'R1'
FILE = 'qinglan_yibao_2024.md'
DEPT = '青岚县医疗保障局'

P24, P23 = D('8462371.26'), D('8012604.55')     # 人员经费
U24, U23 = D('1081595.70'), D('1349870.00')     # 日常公用经费
B24, B23 = P24 + U24, P23 + U23
items = [  # name, 2024, 2023
    ('医保信息化运维经费', D('1526340.00'), D('1383020.00')),
    ('医保基金监管专项经费', D('862215.50'), D('905310.00')),
    ('医疗救助经办服务经费', D('702931.36'), D('688100.00')),
    ('医保经办能力提升经费', D('1122671.80'), D('918000.00')),
]
J24 = sum(i[1] for i in items); J23 = sum(i[2] for i in items)
T24, T23 = B24 + J24, B23 + J23
BUD0, BUD1 = D('12864500.00'), D('14123800.00')
FUND24, FUND23 = D('486123400'), D('457236800')
# 三公 (元)
CAR24, REC24, SG23 = 22180, 6434, 33050
SG24 = CAR24 + REC24
# 服务
INS_E, INS_R = 41208, 271248
ORD, CLOSED, CB, SAT = 1528, 1497, 1402, 1371
HOS, OUT = 4215, 8469
CHK_H, CHK_P, CHK_V = 23, 151, 12
REC_24, REC_23 = D('1273600.00'), D('962800.00')

w = wan
lines = []
L = lines.append
F = []   # findings: (marker, stated, recomputed, kind, working)

def chg(a, b):  # signed yuan change
    return a - b

L(f'# {DEPT}2024年度部门整体支出绩效自评报告')
L('根据《中华人民共和国预算法》及《青岚县县级预算部门绩效管理办法》（青财绩〔2023〕7号）第十二条的规定，我局组织对2024年度部门整体支出开展了绩效自评，现将有关情况报告如下。')
L('## 一、部门基本情况')
L('（一）主要职能。贯彻落实国家、省、市关于医疗保障的方针政策，组织实施城镇职工和城乡居民基本医疗保险、生育保险、医疗救助等制度，负责医保基金监督管理、定点医药机构协议管理、药品和医用耗材集中带量采购落地等工作。')
L('（二）机构设置。局机关内设股室4个，分别为办公室、待遇保障股、医药服务管理股、基金监管股；下属事业单位2个，为县医疗保障事务中心和县医保基金稽核中心，均为公益一类。')
L('（三）人员情况。县委编办核定我局行政编制7名、事业编制16名。截至2024年12月31日，实有行政编制人员8人、事业编制人员16人，另有编外聘用人员6人（窗口经办4人、驾驶员1人、后勤1人），退休人员9人。')
L('## 二、部门预算执行情况')
rate_exec = pct(T24, BUD1, 2)
L(f'2024年我局年初预算数为{w(BUD0)}万元，年中追加后调整预算数为{w(BUD1)}万元，全年实际支出{w(T24)}万元，预算执行率{rate_exec}%。')
check(R, 'rate', lambda a, b: a / b * 100, [w(T24), w(BUD1)], rate_exec)
# total
L(f'部门整体支出{w(T24)}万元，上年为{w(T23)}万元，较上年增加{w(T24-T23)}万元，增长{pct(T24-T23, T23)}%。从支出结构看，基本支出{w(B24)}万元，占部门整体支出的{pct(B24, T24)}%；项目支出{w(J24)}万元，占{pct(J24, T24)}%。')
check(R, 'prior_value', lambda c, p: c - p, [w(T24), w(T23)], w(T24-T23))
check(R, 'pct_change', lambda c, p: (c - p) / p * 100, [w(T24), w(T23)], pct(T24-T23, T23))
check(R, 'parts_sum', lambda a, b: a + b, [w(B24), w(J24)], w(T24))
check(R, 'share', lambda a, b: a / b * 100, [w(B24), w(T24)], pct(B24, T24))
check(R, 'share', lambda a, b: a / b * 100, [w(J24), w(T24)], pct(J24, T24))
L('### （一）基本支出')
L(f'基本支出用于保障机构正常运转，2024年支出{w(B24)}万元，较上年增加{w(B24-B23)}万元。其中：人员经费{w(P24)}万元，占基本支出的比重为{pct(P24, B24)}%，较上年增加{w(P24-P23)}万元，主要是落实调资政策及新增2名事业编制人员；日常公用经费{w(U24)}万元，占基本支出的比重为{pct(U24, B24)}%，较上年减少{w(U23-U24)}万元，主要是上年集中购置的档案密集柜、服务窗口设备本年不再发生。')
check(R, 'parts_sum', lambda a, b: a + b, [w(P24), w(U24)], w(B24))
check(R, 'change_sum', lambda a, b: a - b, [w(P24-P23), w(U23-U24)], w(B24-B23))
check(R, 'share', lambda a, b: a / b * 100, [w(P24), w(B24)], pct(P24, B24))
check(R, 'share', lambda a, b: a / b * 100, [w(U24), w(B24)], pct(U24, B24))
L('### （二）项目支出')
# item line with planted share
n = [i[0] for i in items]
sh = [pct(i[1], J24) for i in items]
SH_WRONG = sh[3]   # copied from the neighbouring item (能力提升)
parts = []
for k, (name, a, b) in enumerate(items):
    d = a - b
    dtxt = f'较上年增加{w(d)}万元' if d > 0 else f'较上年减少{w(-d)}万元'
    s = SH_WRONG if k == 1 else sh[k]
    parts.append(f'{name}{w(a)}万元，占项目支出的{s}%，{dtxt}')
L(f'2024年项目支出{w(J24)}万元，较上年增加{w(J24-J23)}万元。其中，' + '；'.join(parts) + '。')
check(R, 'parts_sum', lambda *a: sum(a), [w(i[1]) for i in items], w(J24))
check(R, 'change_sum', lambda a, b, c, d: a - b + c + d,
      [w(items[0][1]-items[0][2]), w(items[1][2]-items[1][1]), w(items[2][1]-items[2][2]), w(items[3][1]-items[3][2])], w(J24-J23))
for k, (name, a, b) in enumerate(items):
    s = SH_WRONG if k == 1 else sh[k]
    mid, nd = check(R, 'share', lambda x, y: x / y * 100, [w(a), w(J24)], s, planted=(k == 1))
    if k == 1:
        F.append(dict(marker=f'占项目支出的{SH_WRONG}%', stated=f'{SH_WRONG}%', recomputed=f'{sh[1]}%', kind='share',
                      working=f'{w(a)} ÷ {w(J24)} = {float(D(w(a).replace(",",""))/D(w(J24).replace(",",""))):.5f} → {sh[1]}%'))
L('上述项目中，医保信息化运维经费主要用于医保信息平台运维、网络安全等级保护测评和经办终端维护等；医保基金监管专项经费主要用于聘请第三方机构开展病案审核、智能监控规则维护等。')
# table
L('表1  2024年度支出结构对比表（单位：万元）')
L('| 项目 | 2024年 | 2023年 | 增减额 | 增减率（%） | 占总支出比重（%） |')
L('| --- | ---: | ---: | ---: | ---: | ---: |')
rows = [('人员经费', P24, P23), ('日常公用经费', U24, U23), ('基本支出小计', B24, B23), ('项目支出', J24, J23), ('合计', T24, T23)]
TAB_WRONG = None
for name, a, b in rows:
    d = a - b
    pc = fmt((a - b) / b * 100, 1, False)
    cell = pc
    if name == '日常公用经费':
        wrong = fmt((a - b) / a * 100, 1, False)   # computed on the 2024 base
        cell = wrong
        TAB_WRONG = (wrong, pc)
    L(f'| {name} | {w(a, False)} | {w(b, False)} | {fmt(d/10000, 2, False)} | {cell} | {pct(a, T24)} |')
    check(R, 'table_row', lambda x, y: abs(x - y), [w(a, False), w(b, False)], fmt(d/10000, 2, False).lstrip('-'))
    check(R, 'table_row', lambda x, y: abs(x - y) / y * 100, [w(a, False), w(b, False)], cell.lstrip('-'),
          planted=(name == '日常公用经费'))
    check(R, 'share', lambda x, y: x / y * 100, [w(a, False), w(T24, False)], pct(a, T24))
F.append(dict(marker=f'| 日常公用经费 | {w(U24, False)}', stated=TAB_WRONG[0], recomputed=TAB_WRONG[1], kind='table_row',
              working=f'({w(U24, False)} - {w(U23, False)}) ÷ {w(U23, False)} = {float((D(w(U24,False))-D(w(U23,False)))/D(w(U23,False))):.5f} → {TAB_WRONG[1]}'))
check(R, 'parts_sum', lambda a, b: a + b, [w(P23, False), w(U23, False)], w(B23, False))
check(R, 'parts_sum', lambda a, b: a + b, [w(B23, False), w(J23, False)], w(T23, False))
# 三公
sgd = SG23 - SG24
L(f'### （三）“三公”经费')
L(f'2024年“三公”经费支出总计{cnt(SG24)}元，其中公务用车运行维护费{cnt(CAR24)}元、公务接待费{cnt(REC24)}元，因公出国（境）费为零，未购置公务用车；较上年的{cnt(SG23)}元减少{cnt(sgd)}元，下降{pct(sgd, SG23)}%。公务接待严格执行每人每餐不超过120元的标准。')
check(R, 'parts_sum', lambda a, b: a + b, [cnt(CAR24), cnt(REC24)], cnt(SG24))
check(R, 'prior_value', lambda c, p: p - c, [cnt(SG24), cnt(SG23)], cnt(sgd))
check(R, 'pct_change', lambda c, p: (p - c) / p * 100, [cnt(SG24), cnt(SG23)], pct(sgd, SG23))
L('## 三、部门整体支出绩效情况')
INS = INS_E + INS_R
L(f'1. 参保扩面稳步推进。全县基本医疗保险参保人数{cnt(INS)}人，其中职工医保{cnt(INS_E)}人、城乡居民医保{cnt(INS_R)}人，户籍人口参保率97.35%，完成市下达不低于95%的目标任务。2024年城乡居民医保个人缴费标准为每人每年380元，各级财政补助标准为每人每年不低于670元。')
check(R, 'parts_sum', lambda a, b: a + b, [cnt(INS_E), cnt(INS_R)], cnt(INS))
L(f'2. 待遇保障有力有效。全年医保基金支出{yi(FUND24)}亿元，2023年为{yi(FUND23)}亿元，增长{pct(FUND24-FUND23, FUND23)}%。全县异地就医直接结算近万人次，结算量较2021年增长1.5倍；门诊慢特病病种由46种扩大到59种。')
check(R, 'pct_change', lambda c, p: (c - p) / p * 100, [yi(FUND24), yi(FUND23)], pct(FUND24-FUND23, FUND23))
L(f'3. 医疗救助兜底保障。全年累计救助困难群众{cnt(HOS+OUT)}人次，其中住院救助{cnt(HOS)}人次、门诊救助{cnt(OUT)}人次；资助特困、低保等困难群众参加居民医保，年度救助限额为每人5万元。')
check(R, 'parts_sum', lambda a, b: a + b, [cnt(HOS), cnt(OUT)], cnt(HOS+OUT))
L(f'4. 基金监管高压态势持续巩固。全年检查定点医药机构{CHK_H+CHK_P+CHK_V}家，其中定点医院{CHK_H}家、定点零售药店{CHK_P}家、村卫生室{CHK_V}家，实现检查全覆盖；追回违规使用医保基金{w(REC_24)}万元，上年为{w(REC_23)}万元，比上年多追回{w(REC_24-REC_23)}万元。')
check(R, 'parts_sum', lambda a, b, c: a + b + c, [str(CHK_H), str(CHK_P), str(CHK_V)], str(CHK_H+CHK_P+CHK_V))
check(R, 'prior_value', lambda c, p: c - p, [w(REC_24), w(REC_23)], w(REC_24-REC_23))
# rate plant
true_rate = pct(CLOSED, ORD, 2)
WRONG_RATE = '99.12'
L(f'5. 经办服务提质增效。医保服务热线和“12345”转办平台全年受理群众诉求{cnt(ORD)}件，办结{cnt(CLOSED)}件，办结率{WRONG_RATE}%；对已办结诉求回访{cnt(CB)}件，回访率{pct(CB, CLOSED, 2)}%，其中满意和基本满意{cnt(SAT)}件，满意率{pct(SAT, CB, 2)}%。一般事项5个工作日内办结，复杂事项15—30个工作日内办结。')
check(R, 'rate', lambda a, b: a / b * 100, [cnt(CLOSED), cnt(ORD)], WRONG_RATE, planted=True)
check(R, 'rate', lambda a, b: a / b * 100, [cnt(CB), cnt(CLOSED)], pct(CB, CLOSED, 2))
check(R, 'rate', lambda a, b: a / b * 100, [cnt(SAT), cnt(CB)], pct(SAT, CB, 2))
F.append(dict(marker=f'办结率{WRONG_RATE}%', stated=f'{WRONG_RATE}%', recomputed=f'{true_rate}%', kind='rate',
              working=f'{CLOSED} ÷ {ORD} = {CLOSED/ORD:.6f} → {true_rate}%'))
L('6. 自评结果。按照部门整体支出绩效评价指标体系，我局2024年度自评得分为93.5分，评价等级为“优”。')
L('## 四、存在的问题及原因分析')
L('一是部分项目绩效目标设置不够细化，个别产出指标只有定性表述；二是医保基金监管专业力量不足，全局具备医学、药学背景的人员仅3人；三是乡镇医保服务站工作经费没有稳定来源，目前缺口约3万余元。')
L('## 五、下一步改进措施')
L('（一）提高绩效目标编制质量，做到指标可衡量、可考核；（二）通过购买服务等方式充实基金监管力量，确保定点医药机构检查覆盖率保持100%；（三）力争2025年诉求办结率不低于98%、满意率不低于95%，持续提升经办服务水平。')
L('## 六、其他需要说明的情况')
L('本部门无政府性基金预算、国有资本经营预算支出；社会保险基金预算由县财政局和县医疗保障事务中心按规定另行编报，不纳入本报告。')

WARNINGS = [dict(marker='实有行政编制人员8人', stated='8人')]
TRAPS = [
    dict(marker='户籍人口参保率97.35%', text='户籍人口参保率97.35%，完成市下达不低于95%的目标任务', why='rate without counts; 95% is a target'),
    dict(marker='每人每年380元', text='个人缴费标准为每人每年380元，各级财政补助标准为每人每年不低于670元', why='per-person standards, not amounts to reconcile'),
    dict(marker='增长1.5倍', text='全县异地就医直接结算近万人次，结算量较2021年增长1.5倍', why='approximate figure and a multiple without a base'),
    dict(marker='（青财绩〔2023〕7号）第十二条', text='（青财绩〔2023〕7号）第十二条', why='document number and article number'),
    dict(marker='15—30个工作日', text='一般事项5个工作日内办结，复杂事项15—30个工作日内办结', why='time limits and a range'),
    dict(marker='缺口约3万余元', text='目前缺口约3万余元', why='approximate amount'),
    dict(marker='办结率不低于98%', text='力争2025年诉求办结率不低于98%、满意率不低于95%', why='target percentages without counts'),
    dict(marker='由46种扩大到59种', text='门诊慢特病病种由46种扩大到59种', why='counts of disease types, no arithmetic claim'),
    dict(marker='每人每餐不超过120元', text='每人每餐不超过120元的标准', why='per-person standard'),
]
