# 云溪区城市管理局 2024 (.md)  planted: parts_sum, prior_value, pp
from lib import *
R = 'R3'
FILE = 'yunxi_chengguan_2024.md'
DEPT = '云溪区城市管理局'

P, P0 = D('12864320.45'), D('12305316.90')
U, U0 = D('2145870.20'), D('2398410.00')
B, B0 = P + U, P0 + U0
CLEAN, CLEAN0 = D('16385420.00'), D('15926000.00')
ROAD, LIGHT, ILLEG = D('5264298.60'), D('2873105.40'), D('1108000.00')
J = CLEAN + ROAD + LIGHT + ILLEG
J0 = D('23486200.00')
T, T0 = B + J, B0 + J0
E301, E303, E310 = D('11986120.25'), D('878200.20'), D('1532600.00')
E301_0, E303_0, E310_0 = D('11502516.90'), D('802800.00'), D('2865400.00')
E302, E302_0 = T - E301 - E303 - E310, T0 - E301_0 - E303_0 - E310_0
LAMP_ELEC = D('2186430.00')
CAR, REC, SG0 = 86520, 7180, 104200
CASE, CLOSE, CASE0, RATE0_CLOSE = 18642, 18305, 16930, 16097
HOT, HOT_ONTIME = 9867, 9702
w = wan
lines = []
L = lines.append
F = []

L(f'# {DEPT}2024年度部门整体支出绩效评价报告')
L('为进一步提高财政资金使用效益，依据《云溪区区级部门整体支出绩效评价操作指引》（云财〔2024〕21号），我局对2024年度部门整体支出情况开展了绩效评价，有关情况报告如下。')
L('## 一、部门概况')
L('云溪区城市管理局主要负责全区市容环境卫生、市政设施维护、城市照明、城市管理综合执法和数字化城市管理等工作，承担生活垃圾分类的统筹协调和监督检查职责。')
L('机关设科室5个（办公室、市容环境卫生科、市政设施管理科、城市照明管理科、法制审批科）；下设事业单位3个，分别为区环境卫生服务中心、区市政设施维护中心、区数字化城市管理监督指挥中心。')
L('全局核定行政编制12名、事业编制68名，2024年末实有行政人员11人、事业人员63人。全区一线环卫作业人员1,342人（含劳务派遣），其中女性786人、50岁以上902人，老龄化问题较为突出。')
L('## 二、部门支出情况')
L(f'2024年部门整体支出共计{w(T)}万元，去年全年为{w(T0)}万元，较去年增长{pct(T-T0, T0)} %。按支出性质分为基本支出{w(B)}万元和项目支出{w(J)}万元，其中项目支出占比为{pct(J, T)}%，基本支出所占比重为{pct(B, T)}%。')
check(R, 'pct_change', lambda c, p: (c - p) / p * 100, [w(T), w(T0)], pct(T-T0, T0))
check(R, 'parts_sum', lambda a, b: a + b, [w(B), w(J)], w(T))
check(R, 'share', lambda a, b: a / b * 100, [w(B), w(T)], pct(B, T))
check(R, 'share', lambda a, b: a / b * 100, [w(J), w(T)], pct(J, T))
L('### （一）基本支出')
L(f'基本支出{w(B)}万元，2023年同期为{w(B0)}万元，同比增长{pct(B-B0, B0)}%。其中，人员经费{w(P)}万元，同比增加{w(P-P0)}万元，主要是事业单位绩效工资调整；公用经费{w(U)}万元，2023年同期为{w(U0)}万元，同比下降了{pct(U0-U, U0)}%，主要是车辆运行维护费和印刷费减少。')
check(R, 'pct_change', lambda c, p: (c - p) / p * 100, [w(B), w(B0)], pct(B-B0, B0))
check(R, 'parts_sum', lambda a, b: a + b, [w(P), w(U)], w(B))
check(R, 'pct_change', lambda c, p: (p - c) / p * 100, [w(U), w(U0)], pct(U0-U, U0))
check(R, 'change_sum', lambda b, b0, pc, u, u0: abs((b - b0) - (pc - (u0 - u))), [w(B), w(B0), w(P-P0), w(U), w(U0)], '0.00', note='basic chg = personnel chg + public chg')
L('### （二）项目支出')
ROAD_WRONG = '562.43'
assert w(ROAD) == '526.43'
L(f'项目支出{w(J)}万元，较去年增加{w(J-J0)}万元，增长{pct(J-J0, J0)}%。项目支出分为环卫保洁作业经费{w(CLEAN)}万元、市政道路及设施维修经费{ROAD_WRONG}万元、城市照明运行经费{w(LIGHT)}万元、违法建设整治经费{w(ILLEG)}万元四个部分。')
check(R, 'pct_change', lambda c, d: d / (c - d) * 100, [w(J), w(J-J0)], pct(J-J0, J0))
mid, nd = check(R, 'parts_sum', lambda *a: sum(a), [w(CLEAN), ROAD_WRONG, w(LIGHT), w(ILLEG)], w(J), planted=True)
rec = fmt(D(w(CLEAN).replace(',', '')) + D(ROAD_WRONG) + D(w(LIGHT)) + D(w(ILLEG)), 2)
F.append(dict(marker=f'项目支出{w(J)}万元，较去年增加', stated=f'{w(J)}万元', recomputed=f'{rec}万元', kind='parts_sum',
              working=f'{w(CLEAN)} + {ROAD_WRONG} + {w(LIGHT)} + {w(ILLEG)} = {rec}'))
check(R, 'counted_list', lambda: D(4), [], '4', note='四个部分')
CH_WRONG = '54.94'
assert w(CLEAN - CLEAN0) == '45.94'
L(f'环卫保洁作业经费主要用于主次干道及背街小巷保洁、公厕管护和垃圾中转站运营，2024年支出{w(CLEAN)}万元，比上年的{w(CLEAN0)}万元增加{CH_WRONG}万元，主要是新增城东片区12条道路纳入市场化保洁范围，保洁单价按每平方米每年9.6元结算。')
check(R, 'prior_value', lambda c, p: c - p, [w(CLEAN), w(CLEAN0)], CH_WRONG, planted=True)
F.append(dict(marker=f'增加{CH_WRONG}万元', stated=f'{CH_WRONG}万元', recomputed=f'{w(CLEAN-CLEAN0)}万元', kind='prior_value',
              working=f'{w(CLEAN)} - {w(CLEAN0)} = {w(CLEAN-CLEAN0)}'))
L(f'城市照明运行经费{w(LIGHT)}万元，其中路灯电费支出{cnt(int(LAMP_ELEC))}元，其余用于路灯设施维修和智慧照明平台运维；违法建设整治经费主要用于拆除违建的机械租赁和建筑垃圾清运。')
L('表2  2024年支出按经济分类与上年对比（单位：万元）')
L('| 经济分类 | 2024年 | 2023年 | 增减额 | 增减幅度（%） |')
L('| :--- | ---: | ---: | ---: | ---: |')
rows = [('工资福利支出（301）', E301, E301_0), ('商品和服务支出（302）', E302, E302_0),
        ('对个人和家庭的补助（303）', E303, E303_0), ('资本性支出（310）', E310, E310_0), ('合计', T, T0)]
for name, a, b in rows:
    d = a - b
    L(f'| {name} | {w(a)} | {w(b)} | {fmt(d/10000, 2)} | {fmt(d/b*100, 1, False)} |')
    check(R, 'table_row', lambda x, y: abs(x - y), [w(a), w(b)], fmt(d/10000, 2).lstrip('-'))
    check(R, 'table_row', lambda x, y: abs(x - y) / y * 100, [w(a), w(b)], fmt(d/b*100, 1, False).lstrip('-'))
check(R, 'parts_sum', lambda *a: sum(a), [w(r[1]) for r in rows[:4]], w(T))
check(R, 'parts_sum', lambda *a: sum(a), [w(r[2]) for r in rows[:4]], w(T0))
check(R, 'change_sum', lambda a, b, c, d: a + b + c + d, [fmt((r[1]-r[2])/10000, 2) for r in rows[:4]], fmt((T-T0)/10000, 2))
L('注：工资福利支出、对个人和家庭的补助两项合计即为基本支出中的人员经费；表中数据因四舍五入，合计数与分项之和可能存在尾数差异。')
check(R, 'parts_sum', lambda a, b: a + b, [w(E301), w(E303)], w(P))
SG = CAR + REC
L(f'### （三）“三公”经费')
L(f'“三公”经费支出合计{w(SG)}万元，其中公务用车运行维护费{w(CAR)}万元、公务接待费{w(REC)}万元，较去年减少{w(SG0-SG)}万元，同比下降了{pct(SG0-SG, SG0)}%。全年未发生因公出国（境）费用，未新购公务用车。')
check(R, 'parts_sum', lambda a, b: a + b, [w(CAR), w(REC)], w(SG))
check(R, 'pct_change', lambda c, d: d / (c + d) * 100, [w(SG), w(SG0-SG)], pct(SG0-SG, SG0))
L('## 三、绩效目标完成情况')
L('（一）市容环境卫生。全区生活垃圾清运量12.36万吨，日均约340吨，生活垃圾无害化处理率100%；城区主次干道机械化清扫率达到92%（目标值≥90%）。环卫工人月平均工资3,150元，较2023年提高150元。')
r1, r0 = pct(CLOSE, CASE, 2), pct(RATE0_CLOSE, CASE0, 2)
PP_WRONG = '1.11'
PP_RIGHT = fmt(D(r1) - D(r0), 2, False)
L(f'（二）数字化城管。平台全年立案{cnt(CASE)}件，结案{cnt(CLOSE)}件，结案率{r1}%；上年立案{cnt(CASE0)}件，结案率{r0}%。今年立案量同比增长{pct(CASE-CASE0, CASE0)}%，结案率较去年提高{PP_WRONG}个百分点，案件平均处置时长缩短至2.6天。')
check(R, 'rate', lambda a, b: a / b * 100, [cnt(CLOSE), cnt(CASE)], r1)
check(R, 'pct_change', lambda c, p: (c - p) / p * 100, [cnt(CASE), cnt(CASE0)], pct(CASE-CASE0, CASE0))
check(R, 'pp', lambda a, b: a - b, [r1, r0], PP_WRONG, planted=True)
F.append(dict(marker=f'提高{PP_WRONG}个百分点', stated=f'{PP_WRONG}个百分点', recomputed=f'{PP_RIGHT}个百分点', kind='pp',
              working=f'{r1} - {r0} = {PP_RIGHT}'))
L(f'（三）诉求办理。12319城管热线及12345平台转办城管类诉求按时办结率为{pct(HOT_ONTIME, HOT, 2)}%（全年受理{cnt(HOT)}件，按时办结{cnt(HOT_ONTIME)}件），群众满意率95.6%。')
check(R, 'rate', lambda a, b: a / b * 100, [cnt(HOT_ONTIME), cnt(HOT)], pct(HOT_ONTIME, HOT, 2))
L('（四）综合执法。全年查处各类违规行为2,318起，主要包括占道经营1,126起、店外经营684起等；拆除违法建设186处，面积约4.27万平方米，办理行政处罚案件依据《城市市容和环境卫生管理条例》第三十六条等规定执行。')
L('（五）市政设施与照明。维修市政道路3.6万平方米，更换破损井盖412个，修复人行道板1.2万平方米；新建改造路灯1,264盏，城市亮灯率保持在98%以上。')
L('（六）评价结论。经综合评定，我局2024年度部门整体支出绩效评价得分90.6分，等级为“优”；第三方公众满意度测评得分92.6分。')
L('## 四、存在的问题')
L('一是环卫作业人员年龄偏大，50岁以上人员占比高，招工难问题逐步显现；二是部分老旧路灯能耗高，智慧照明改造资金缺口约50万元；三是违建整治经费受拆违进度影响，年度间波动较大，预算编制准确性有待提高。')
L('## 五、改进措施')
L('（一）稳步推进环卫作业队伍年轻化，2025年力争新招录45岁以下环卫工人不少于100人；（二）分批实施LED节能改造，力争三年内完成全部老旧路灯改造；（三）结合拆违计划细化预算，确保预算执行率达到95%以上。')
L('## 六、其他需要说明的情况')
L('我局无政府性基金预算、国有资本经营预算和社会保险基金预算支出。')

WARNINGS = []
TRAPS = [
    dict(marker='其中女性786人、50岁以上902人', text='一线环卫作业人员1,342人（含劳务派遣），其中女性786人、50岁以上902人', why='overlapping groups: subsets only (sum exceeds total)'),
    dict(marker='其中路灯电费支出', text='其中路灯电费支出', why='single-item 其中 subset of 城市照明运行经费'),
    dict(marker='每平方米每年9.6元', text='保洁单价按每平方米每年9.6元结算', why='unit price'),
    dict(marker='主要包括占道经营1,126起、店外经营684起等', text='主要包括占道经营1,126起、店外经营684起等', why='incomplete list (主要包括…等)'),
    dict(marker='日均约340吨', text='全区生活垃圾清运量12.36万吨，日均约340吨', why='approximate average'),
    dict(marker='较2023年提高150元', text='环卫工人月平均工资3,150元，较2023年提高150元', why='per-person wage'),
    dict(marker='目标值≥90%', text='机械化清扫率达到92%（目标值≥90%）', why='rate without counts and a target'),
    dict(marker='第三十六条', text='第三十六条', why='article number'),
    dict(marker='缺口约50万元', text='智慧照明改造资金缺口约50万元', why='approximate amount'),
    dict(marker='云财〔2024〕21号', text='（云财〔2024〕21号）', why='document number'),
    dict(marker='不少于100人', text='2025年力争新招录45岁以下环卫工人不少于100人', why='target count'),
]
