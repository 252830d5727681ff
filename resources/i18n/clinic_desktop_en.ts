<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AppointmentForm</name>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="210"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="211"/>
        <source>项目</source>
        <translation>Treatment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="212"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>AppointmentsModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="166"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="167"/>
        <source>项目</source>
        <translation>Treatment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="169"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>BulkTagDialog</name>
    <message>
        <location filename="../../clinic_desktop/ui/bulk_tag_dialog.py" line="41"/>
        <source>批量打标签</source>
        <translation>Bulk tagging</translation>
    </message>
    <message numerus="yes">
        <location filename="../../clinic_desktop/ui/bulk_tag_dialog.py" line="42"/>
        <source>已选择 %n 位患者</source>
        <translation>
            <numerusform>%n patient selected</numerusform>
            <numerusform>%n patients selected</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/bulk_tag_dialog.py" line="43"/>
        <source>添加标签</source>
        <translation>Add tag</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/bulk_tag_dialog.py" line="44"/>
        <source>移除标签</source>
        <translation>Remove tag</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/bulk_tag_dialog.py" line="59"/>
        <source>还没有标签，请先在“标签管理”中新建。</source>
        <translation>There are no tags yet; create one in the tag manager first.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/bulk_tag_dialog.py" line="64"/>
        <source>执行</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/bulk_tag_dialog.py" line="73"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/bulk_tag_dialog.py" line="74"/>
        <source>标签</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/bulk_tag_dialog.py" line="94"/>
        <source>正在处理…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/bulk_tag_dialog.py" line="98"/>
        <source>已为 %1 位患者添加“%2”（%3 位原已有）</source>
        <translation>Added “%2” to %1 patients (%3 already had it)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/bulk_tag_dialog.py" line="100"/>
        <source>已从 %1 位患者移除“%2”（%3 位原本没有）</source>
        <translation>Removed “%2” from %1 patients (%3 did not have it)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../clinic_desktop/ui/bulk_tag_dialog.py" line="113"/>
        <source>正在处理 %n 位患者…</source>
        <translation>
            <numerusform>Working on %n patient…</numerusform>
            <numerusform>Working on %n patients…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CatalogueCombo</name>
    <message>
        <location filename="../../clinic_desktop/ui/form_fields.py" line="61"/>
        <source>不填</source>
        <extracomment>the text a catalogue entry is found by: its name, full pinyin and initials</extracomment>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/form_fields.py" line="61"/>
        <source>输入名称或拼音首字母</source>
        <translation>Type a name or pinyin initials</translation>
    </message>
</context>
<context>
    <name>ContactForm</name>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="280"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="281"/>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="282"/>
        <source>目的</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="283"/>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="284"/>
        <source>员工</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="285"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="293"/>
        <source>提示：保存后该患者将被标记为勿扰，不再出现在任何回访名单中。</source>
        <translation>Note: once saved, this patient is marked Do not contact and will no longer appear on any call list.</translation>
    </message>
</context>
<context>
    <name>ContactsModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="193"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="195"/>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="200"/>
        <source>目的</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="205"/>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="209"/>
        <source>员工</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="210"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../clinic_desktop/ui/first_run.py" line="18"/>
        <source>欢迎使用私域助手</source>
        <translation>Welcome to Clinic Desktop</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/first_run.py" line="22"/>
        <source>数据库还是空的。先用演示数据熟悉功能，或者导入诊所现有的患者名单。演示数据只写入当前打开的这个数据库文件，不影响其他任何文件。</source>
        <translation>The database is empty. Get to know the app with demo data, or import the clinic&apos;s existing patient list. Demo data is written only to the database file that is open now and touches no other file.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../clinic_desktop/ui/first_run.py" line="28"/>
        <source>载入演示数据（%n 位患者）</source>
        <translation>
            <numerusform>Load demo data (%n patient)</numerusform>
            <numerusform>Load demo data (%n patients)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/first_run.py" line="32"/>
        <source>导入患者名单（Excel / CSV）</source>
        <translation>Import a patient list (Excel / CSV)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/first_run.py" line="36"/>
        <source>先空着开始</source>
        <translation>Start empty</translation>
    </message>
</context>
<context>
    <name>InteractionForm</name>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="184"/>
        <source>例如：咨询种植牙价格</source>
        <translation>e.g. asked about implant prices</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="185"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="186"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="187"/>
        <source>内容</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>InteractionsModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="153"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="155"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="159"/>
        <source>内容</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="84"/>
        <location filename="../../clinic_desktop/ui/main_window.py" line="110"/>
        <source>回访名单</source>
        <translation>Call lists</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="86"/>
        <source>将提供：到期复诊、沉睡唤醒、生日关怀、转介绍邀请、满意度回访、交叉推荐和活动名单；自动排除勿扰、近期已联系和已预约的患者并说明原因；打印 Excel 名单并导回联系结果。</source>
        <translation>Coming soon: recall, reactivation, birthday, referral-invitation, service-recovery, cross-sell and campaign lists; do-not-contact, recently contacted and already booked patients are left out automatically, with the reason shown; print lists from Excel and import the call outcomes back.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="91"/>
        <location filename="../../clinic_desktop/ui/main_window.py" line="111"/>
        <source>数据看板</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="93"/>
        <source>将提供：生命周期漏斗与转化率、渠道质量、ERS 分层与帕累托曲线、传播者名单、每月新增与复购趋势。目前可在命令行运行 clinic-desktop report 查看漏斗与分层。</source>
        <translation>Coming soon: lifecycle funnel and conversion rates, channel quality, ERS tiers and Pareto curve, the list of advocates, and monthly trends in new patients and repeat purchases. For now, run clinic-desktop report on the command line to see the funnel and tiers.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="99"/>
        <location filename="../../clinic_desktop/ui/main_window.py" line="112"/>
        <source>导入导出</source>
        <translation>Import / Export</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="101"/>
        <source>将提供：从 Excel / CSV 导入患者与消费记录（识别常见中文表头、逐行校验、可撤销），导出整个诊所工作簿，以及合并重复患者。</source>
        <translation>Coming soon: import patients and purchases from Excel / CSV (common Chinese column headers recognised, every row checked, undoable), export the whole clinic workbook, and merge duplicate patients.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="109"/>
        <source>患者</source>
        <translation>Patients</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="113"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="128"/>
        <source>患者 %1 位</source>
        <translation>Patients: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="130"/>
        <source>（已归档 %1）</source>
        <translation> (%1 archived)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="134"/>
        <source>指标截至 %1</source>
        <translation>Metrics as of %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="134"/>
        <source>指标尚未计算</source>
        <translation>Metrics not computed yet</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="144"/>
        <source>正在更新指标…</source>
        <translation>Updating metrics…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="158"/>
        <source>操作失败：%1</source>
        <translation>The operation failed: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="158"/>
        <source>私域助手</source>
        <translation>Clinic Desktop</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="193"/>
        <source>正在生成演示数据…</source>
        <translation>Generating demo data…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="199"/>
        <source>演示数据已载入</source>
        <translation>Demo data loaded</translation>
    </message>
</context>
<context>
    <name>PatientDetailDialog</name>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="93"/>
        <source>患者档案</source>
        <extracomment>the patient&apos;s data (and, after a recompute, their stored metrics) changed the day every rule is evaluated on and the forms default to (today, unless a test says otherwise)</extracomment>
        <translation>Patient record</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="115"/>
        <source>资料</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="116"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="121"/>
        <source>消费</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="124"/>
        <source>互动</source>
        <translation>Interactions</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="127"/>
        <source>预约</source>
        <translation>Appointments</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="130"/>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="133"/>
        <source>联系记录</source>
        <translation>Contact log</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="135"/>
        <source>转介绍</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="142"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="180"/>
        <source>生命周期</source>
        <translation>Lifecycle</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="183"/>
        <source>ERS 价值</source>
        <translation>ERS value</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="195"/>
        <source>快速添加（Enter 提交）</source>
        <translation>Quick add (Enter to submit)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="227"/>
        <source>已保存，正在重新计算阶段与 ERS…</source>
        <translation>Saved; recalculating stage and ERS…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="239"/>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="247"/>
        <source>读取患者档案失败：%1</source>
        <translation>Could not load the patient record: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="254"/>
        <source>患者档案 — %1</source>
        <translation>Patient record — %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="255"/>
        <source>（已归档）</source>
        <translation> (archived)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="256"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="256"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="258"/>
        <source>%1 岁</source>
        <translation>Age %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="259"/>
        <source>无手机号</source>
        <translation>No mobile number</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="261"/>
        <source>来源：%1</source>
        <translation>Source: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="269"/>
        <source>未分层</source>
        <translation>No tier</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="273"/>
        <source>转介绍 %1 位（已消费 %2 位，累计 %3）</source>
        <translation>Referrals: %1 (%2 purchased, %3 in total)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="276"/>
        <source>累计消费 %1</source>
        <translation>Total spend %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="302"/>
        <source>勿扰（%1 起）</source>
        <translation>Do not contact (since %1)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="302"/>
        <source>勿扰</source>
        <translation>Do not contact</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="304"/>
        <source>可联系</source>
        <translation>OK to contact</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="306"/>
        <source>营销同意：是</source>
        <translation>Marketing consent: yes</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="308"/>
        <source>营销同意：否</source>
        <translation>Marketing consent: no</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="310"/>
        <source>（%1 变更）</source>
        <translation> (changed %1)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="329"/>
        <source>请稍候：上一项还在保存或计算中</source>
        <translation>Please wait: the previous entry is still being saved or computed</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="333"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_detail.py" line="350"/>
        <source>保存失败：%1</source>
        <translation>Saving failed: %1</translation>
    </message>
</context>
<context>
    <name>PatientListView</name>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="332"/>
        <source>搜索：姓名、电话（可输后四位）、拼音首字母</source>
        <translation>Search: name, phone (or its last 4 digits), pinyin initials</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="358"/>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="360"/>
        <source>活跃度</source>
        <translation>Activity</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="362"/>
        <source>ERS 分层</source>
        <translation>ERS tier</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="364"/>
        <source>标记</source>
        <translation>Flags</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="366"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="369"/>
        <source>含任一所选标签</source>
        <translation>Has any selected tag</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="370"/>
        <source>含全部所选标签</source>
        <translation>Has all selected tags</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="372"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="375"/>
        <source>上次到诊</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="385"/>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="505"/>
        <source>（未填写）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="519"/>
        <source>患者列表载入失败：%1</source>
        <translation>Could not load the patient list: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="523"/>
        <source>正在载入…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="525"/>
        <source>共 %1 位患者</source>
        <translation>Total: %1</translation>
    </message>
</context>
<context>
    <name>PatientTableModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="91"/>
        <source>姓名</source>
        <extracomment>a formatted row: the patient, the text of each column, the name&apos;s brush, the other cells&apos; brush raw value of a cell (str, int, date or None): numbers and dates compare as such</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="91"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="91"/>
        <source>性别 / 年龄</source>
        <translation>Gender / Age</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="91"/>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="92"/>
        <source>活跃度</source>
        <translation>Activity</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="92"/>
        <source>ERS 分层</source>
        <translation>ERS tier</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="92"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="92"/>
        <source>上次到诊</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="93"/>
        <source>累计消费</source>
        <translation>Total spend</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="93"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="94"/>
        <source>陌生用户</source>
        <translation>Stranger</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="94"/>
        <source>潜在用户</source>
        <translation>Potential</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="95"/>
        <source>意向用户</source>
        <translation>Intent</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="95"/>
        <source>下单用户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="96"/>
        <source>复购用户</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="96"/>
        <source>超级用户</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="97"/>
        <source>活跃</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="97"/>
        <source>待复诊</source>
        <translation>Recall due</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="98"/>
        <source>流失预警</source>
        <translation>Lapsing</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="98"/>
        <source>沉睡</source>
        <translation>Lapsed</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="99"/>
        <source>未消费</source>
        <translation>No purchase</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="100"/>
        <source>传播者</source>
        <translation>Advocate</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="100"/>
        <source>预警</source>
        <translation>At risk</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="101"/>
        <source>暂无反馈</source>
        <translation>No feedback yet</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="102"/>
        <source>男</source>
        <translation>M</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="102"/>
        <source>女</source>
        <translation>F</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="103"/>
        <source>未分层</source>
        <translation>No tier</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_list.py" line="242"/>
        <source>已归档</source>
        <translation>Archived</translation>
    </message>
</context>
<context>
    <name>PatientTagsPanel</name>
    <message>
        <location filename="../../clinic_desktop/ui/patient_tags_panel.py" line="87"/>
        <source>输入标签名称，已有标签会自动提示</source>
        <extracomment>(tag name, category for a new tag) tag ids to detach</extracomment>
        <translation>Type a tag name; existing tags are suggested</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_tags_panel.py" line="95"/>
        <source>添加标签</source>
        <translation>Add tag</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_tags_panel.py" line="98"/>
        <source>移除所选标签</source>
        <translation>Remove selected tags</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_tags_panel.py" line="107"/>
        <source>标签</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_tags_panel.py" line="109"/>
        <source>新标签类别</source>
        <translation>Category if new</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_tags_panel.py" line="144"/>
        <source>由规则自动生成</source>
        <translation>Added automatically by a rule</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_tags_panel.py" line="152"/>
        <source>将新建标签</source>
        <translation>A new tag will be created</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_tags_panel.py" line="155"/>
        <source>已有标签，类别：%1</source>
        <translation>Existing tag, category: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_tags_panel.py" line="174"/>
        <source>请输入标签名称</source>
        <translation>Please enter a tag name</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patient_tags_panel.py" line="181"/>
        <source>请先选中要移除的标签</source>
        <translation>Select the tags to remove first</translation>
    </message>
</context>
<context>
    <name>PatientsPage</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients_page.py" line="22"/>
        <location filename="../../clinic_desktop/ui/patients_page.py" line="42"/>
        <source>打开患者档案</source>
        <extracomment>a patient&apos;s record was changed (metrics may have moved)</extracomment>
        <translation>Open patient record</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients_page.py" line="23"/>
        <source>批量打标签…</source>
        <translation>Bulk tagging…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients_page.py" line="24"/>
        <source>标签管理…</source>
        <translation>Manage tags…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients_page.py" line="42"/>
        <source>请先在列表中选中一位患者。</source>
        <translation>Select a patient in the list first.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients_page.py" line="62"/>
        <source>批量打标签</source>
        <translation>Bulk tagging</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients_page.py" line="62"/>
        <source>请先在列表中选中要打标签的患者。</source>
        <translation>Select the patients to tag in the list first.</translation>
    </message>
</context>
<context>
    <name>PendingPage</name>
    <message>
        <location filename="../../clinic_desktop/ui/pending_page.py" line="19"/>
        <source>此功能尚未完成，将在后续版本提供。</source>
        <translation>This feature is not finished yet; it will come in a later version.</translation>
    </message>
</context>
<context>
    <name>ProfileForm</name>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="74"/>
        <source>未填</source>
        <extracomment>the changed profile fields, keyed as ``update_profile`` expects</extracomment>
        <translation>Not set</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="74"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="74"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="78"/>
        <source>按农历过生日</source>
        <translation>Lunar birthday</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="80"/>
        <source>11 位手机号，可不填</source>
        <translation>11-digit mobile number (optional)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="89"/>
        <source>介绍人的手机号</source>
        <translation>Referrer&apos;s mobile number</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="96"/>
        <source>不出现在任何回访名单</source>
        <translation>Never put on any call list</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="98"/>
        <source>同意接收营销信息</source>
        <translation>Agrees to receive marketing messages</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="100"/>
        <source>手动标记 VIP</source>
        <translation>Mark as VIP manually</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="103"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="104"/>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="105"/>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="106"/>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="107"/>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="108"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="109"/>
        <source>区域</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="110"/>
        <source>职业</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="111"/>
        <source>来源渠道</source>
        <translation>Source channel</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="114"/>
        <source>介绍人手机</source>
        <translation>Referrer&apos;s mobile</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="118"/>
        <source>首次接触日期</source>
        <translation>First contact date</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="120"/>
        <source>勿扰</source>
        <translation>Do not contact</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="124"/>
        <source>营销同意</source>
        <translation>Marketing consent</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="128"/>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="129"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="136"/>
        <source>保存资料</source>
        <translation>Save profile</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="138"/>
        <source>Ctrl+S 或在输入框中按 Enter</source>
        <translation>Ctrl+S, or press Enter in a field</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="227"/>
        <source>变更于 %1</source>
        <translation>Changed %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="277"/>
        <source>没有需要保存的修改</source>
        <translation>Nothing to save</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/profile_form.py" line="305"/>
        <source>资料已保存</source>
        <translation>Profile saved</translation>
    </message>
</context>
<context>
    <name>QuickAddForm</name>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="52"/>
        <source>添加</source>
        <extracomment>keyword arguments for the service write</extracomment>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="130"/>
        <source>项目不在项目目录中（或有多个匹配），请从列表中选择</source>
        <translation>This treatment is not in the catalogue (or matches several); pick one from the list</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="133"/>
        <source>请选择项目</source>
        <translation>Please choose a treatment</translation>
    </message>
</context>
<context>
    <name>RecordLabels</name>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="19"/>
        <source>陌生用户</source>
        <extracomment>code → Chinese source text (``QT_TRANSLATE_NOOP`` is typed as returning ``object``, hence the type)</extracomment>
        <translation>Stranger</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="20"/>
        <source>潜在用户</source>
        <translation>Potential</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="21"/>
        <source>意向用户</source>
        <translation>Intent</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="22"/>
        <source>下单用户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="23"/>
        <source>复购用户</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="24"/>
        <source>超级用户</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="27"/>
        <source>活跃</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="28"/>
        <source>待复诊</source>
        <translation>Recall due</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="29"/>
        <source>流失预警</source>
        <translation>Lapsing</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="30"/>
        <source>沉睡</source>
        <translation>Lapsed</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="31"/>
        <source>未消费</source>
        <translation>No purchase</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="34"/>
        <source>传播者</source>
        <translation>Advocate</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="35"/>
        <source>预警</source>
        <translation>At risk</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="36"/>
        <source>暂无反馈</source>
        <translation>No feedback yet</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="39"/>
        <source>静态</source>
        <translation>Static</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="40"/>
        <source>消费</source>
        <translation>Consumption</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="41"/>
        <source>行为</source>
        <translation>Behaviour</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="42"/>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="45"/>
        <source>聊天</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="46"/>
        <source>点赞</source>
        <translation>Like</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="47"/>
        <source>评论</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="48"/>
        <source>阅读文章</source>
        <translation>Read an article</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="49"/>
        <source>小程序</source>
        <translation>Mini program</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="50"/>
        <source>咨询</source>
        <translation>Consultation</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="51"/>
        <source>报价</source>
        <translation>Quote</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="52"/>
        <source>参加活动</source>
        <translation>Joined a campaign</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="55"/>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="79"/>
        <source>已预约</source>
        <translation>Booked</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="56"/>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="57"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="58"/>
        <source>爽约</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="61"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="62"/>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="63"/>
        <source>短信</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="64"/>
        <source>面谈</source>
        <translation>In person</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="67"/>
        <source>复诊提醒</source>
        <translation>Recall reminder</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="68"/>
        <source>沉睡唤醒</source>
        <translation>Reactivation</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="69"/>
        <source>生日关怀</source>
        <translation>Birthday greeting</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="70"/>
        <source>活动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="71"/>
        <source>转介绍邀请</source>
        <translation>Referral invitation</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="72"/>
        <source>满意度回访</source>
        <translation>Service recovery</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="73"/>
        <source>问卷</source>
        <translation>Survey</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="74"/>
        <source>交叉推荐</source>
        <translation>Cross-sell</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="77"/>
        <source>接通</source>
        <translation>Reached</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="78"/>
        <source>未接</source>
        <translation>No answer</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="80"/>
        <source>拒绝</source>
        <translation>Declined</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="81"/>
        <source>号码错误</source>
        <translation>Wrong number</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_labels.py" line="82"/>
        <source>勿扰</source>
        <translation>Do not contact</translation>
    </message>
</context>
<context>
    <name>ReferralTreeView</name>
    <message>
        <location filename="../../clinic_desktop/ui/referral_tree_view.py" line="27"/>
        <source>患者</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/referral_tree_view.py" line="27"/>
        <source>已消费</source>
        <translation>Purchased</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/referral_tree_view.py" line="27"/>
        <source>累计消费</source>
        <translation>Total spend</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/referral_tree_view.py" line="47"/>
        <source>介绍人</source>
        <translation>Referred by</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/referral_tree_view.py" line="50"/>
        <source>无（非转介绍来源）</source>
        <translation>None (not a referral)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/referral_tree_view.py" line="57"/>
        <source>TA 介绍的患者：%1 位，已消费 %2 位</source>
        <translation>Patients they referred: %1 (%2 purchased)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/referral_tree_view.py" line="68"/>
        <source>暂无</source>
        <translation>None yet</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/referral_tree_view.py" line="75"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/referral_tree_view.py" line="75"/>
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="88"/>
        <source> 个月</source>
        <extracomment>each language is named in itself (a Chinese-only reader must still find 简体中文 in an English UI)</extracomment>
        <translation> months</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="88"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="89"/>
        <source>全部（不限时间）</source>
        <translation>All (lifetime)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="95"/>
        <source> 次</source>
        <translation> times</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="118"/>
        <source>还原</source>
        <extracomment>which widget edits which field of :class:`Settings` (the form reads and writes through these)</extracomment>
        <translation>Revert</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="119"/>
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="171"/>
        <source>诊所</source>
        <translation>Clinic</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="173"/>
        <source>诊所名称</source>
        <translation>Clinic name</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="174"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="178"/>
        <source>ERS 价值模型</source>
        <translation>ERS value model</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="180"/>
        <source>统计时间窗</source>
        <translation>Window</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="181"/>
        <source>E 消费</source>
        <translation>E spend</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="181"/>
        <source>R 转介绍</source>
        <translation>R referral</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="182"/>
        <source>权重</source>
        <translation>Weights</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="182"/>
        <source>S 满意度</source>
        <translation>S satisfaction</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="188"/>
        <source>分层阈值</source>
        <translation>Tier thresholds</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="189"/>
        <source>综合分 = E、R、S 各自乘以权重后相加；达到阈值为 A/B/C 类，其余为 D 类。</source>
        <translation>Composite = E, R and S each times its weight, added up; reaching a threshold makes tier A/B/C, anything lower is D.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="196"/>
        <source>活跃度与回访名单</source>
        <translation>Activity and call lists</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="198"/>
        <source>流失预警：未消费满</source>
        <translation>Lapsing: no purchase for</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="199"/>
        <source>沉睡：未消费满</source>
        <translation>Lapsed: no purchase for</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="200"/>
        <source>到期复诊：已逾期不超过</source>
        <translation>Recall: overdue by at most</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="201"/>
        <source>到期复诊：即将到期</source>
        <translation>Recall: due within</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="202"/>
        <source>联系后冷却期</source>
        <translation>Quiet period after a contact</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="203"/>
        <source>营销联系上限</source>
        <translation>Marketing contact cap</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="203"/>
        <source>每</source>
        <translation>per</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="216"/>
        <source>新增…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="217"/>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="218"/>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="338"/>
        <source>停用</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="222"/>
        <source>项目目录（修改即时生效）</source>
        <translation>Treatment catalogue (changes apply at once)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="257"/>
        <source>三项权重合计须为 1（当前合计 %1）</source>
        <translation>The three weights must add up to 1 (now %1)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="281"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="287"/>
        <source>正在保存设置并重新计算指标…</source>
        <translation>Saving settings and recomputing metrics…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="294"/>
        <source>没有需要保存的修改</source>
        <translation>Nothing to save</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="297"/>
        <source>设置已保存，已按新规则重新计算 %1 位患者的指标</source>
        <translation>Settings saved; metrics of %1 patients recomputed with the new rules</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="299"/>
        <source>设置已保存</source>
        <translation>Settings saved</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="306"/>
        <source>保存失败：%1</source>
        <translation>Saving failed: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="338"/>
        <source>启用</source>
        <translation>Activate</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="350"/>
        <source>；已重新计算指标</source>
        <translation>; metrics recomputed</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="352"/>
        <source>正在保存项目…</source>
        <translation>Saving treatment…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="360"/>
        <source>已新增项目“%1”</source>
        <translation>Added treatment “%1”</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="379"/>
        <source>已保存项目“%1”</source>
        <translation>Saved treatment “%1”</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="385"/>
        <source>已启用“%1”</source>
        <translation>Activated “%1”</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings_page.py" line="385"/>
        <source>已停用“%1”（历史记录保留）</source>
        <translation>Deactivated “%1” (its history is kept)</translation>
    </message>
</context>
<context>
    <name>SurveyForm</name>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="238"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="239"/>
        <source>总体(1–5)</source>
        <translation>Overall (1–5)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="240"/>
        <source>NPS(0–10)</source>
        <translation>NPS (0–10)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="242"/>
        <source>服务</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="243"/>
        <source>效果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="244"/>
        <source>环境</source>
        <translation>Environment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="245"/>
        <source>价格</source>
        <translation>Price</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="249"/>
        <source>评论</source>
        <translation>Comment</translation>
    </message>
</context>
<context>
    <name>SurveysModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="179"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="180"/>
        <source>总体</source>
        <translation>Overall</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="181"/>
        <source>NPS</source>
        <translation>NPS</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="182"/>
        <source>服务</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="183"/>
        <source>效果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="184"/>
        <source>环境</source>
        <translation>Environment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="185"/>
        <source>价格</source>
        <translation>Price</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="186"/>
        <source>评论</source>
        <translation>Comment</translation>
    </message>
</context>
<context>
    <name>TagCategory</name>
    <message>
        <location filename="../../clinic_desktop/ui/user_messages.py" line="19"/>
        <source>静态</source>
        <translation>Static</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/user_messages.py" line="20"/>
        <source>消费</source>
        <translation>Consumption</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/user_messages.py" line="21"/>
        <source>行为</source>
        <translation>Behaviour</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/user_messages.py" line="22"/>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
</context>
<context>
    <name>TagFormDialog</name>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="78"/>
        <source>新建标签</source>
        <extracomment>the names the dialog and the tests use</extracomment>
        <translation>New tag</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="81"/>
        <source>例如：怕疼、只约周末</source>
        <translation>e.g. afraid of pain, weekends only</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="90"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="91"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="92"/>
        <source>颜色</source>
        <translation>Colour</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="111"/>
        <source>选择颜色</source>
        <translation>Choose colour</translation>
    </message>
</context>
<context>
    <name>TagManagerDialog</name>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="128"/>
        <source>标签管理</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="137"/>
        <source>新建…</source>
        <translation>New…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="138"/>
        <source>重命名…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="139"/>
        <source>颜色…</source>
        <translation>Colour…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="140"/>
        <source>类别…</source>
        <translation>Category…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="141"/>
        <source>合并到…</source>
        <translation>Merge into…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="142"/>
        <source>删除…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="149"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="222"/>
        <source>正在处理…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="231"/>
        <source>重命名标签</source>
        <translation>Rename tag</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="231"/>
        <source>新名称：</source>
        <translation>New name:</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="235"/>
        <source>标签颜色</source>
        <translation>Tag colour</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="241"/>
        <source>标签类别</source>
        <translation>Tag category</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="241"/>
        <source>类别：</source>
        <translation>Category:</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="246"/>
        <source>把“%1”合并到：</source>
        <translation>Merge “%1” into:</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="247"/>
        <source>合并标签</source>
        <translation>Merge tags</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="253"/>
        <source>请确认</source>
        <translation>Please confirm</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="269"/>
        <source>已新建标签“%1”</source>
        <translation>Created tag “%1”</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="279"/>
        <source>已改名为“%1”</source>
        <translation>Renamed to “%1”</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="289"/>
        <source>已更改“%1”的颜色</source>
        <translation>Changed the colour of “%1”</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="299"/>
        <source>“%1”已归入%2</source>
        <translation>“%1” is now in %2</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="309"/>
        <source>把“%1”合并到“%2”？
%3 位患者的“%1”将变为“%2”，“%1”随后删除。此操作不可撤销。</source>
        <translation>Merge “%1” into “%2”?
%3 patients with “%1” will get “%2”, then “%1” is deleted. This cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="312"/>
        <source>已把“%1”合并到“%2”：新增 %3 位，%4 位原已有</source>
        <translation>Merged “%1” into “%2”: %3 patients added, %4 already had it</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="321"/>
        <source>删除标签“%1”？
它将从 %2 位患者身上移除。此操作不可撤销。</source>
        <translation>Delete tag “%1”?
It will be removed from %2 patients. This cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="326"/>
        <source>已删除标签“%1”</source>
        <translation>Deleted tag “%1”</translation>
    </message>
</context>
<context>
    <name>TagTableModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="53"/>
        <source>标签</source>
        <extracomment>BulkTagDialog lives in :mod:`clinic_desktop.ui.bulk_tag_dialog`; it is re-exported from here</extracomment>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="53"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="53"/>
        <source>颜色</source>
        <translation>Colour</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/tag_manager.py" line="53"/>
        <source>患者数</source>
        <translation>Patients</translation>
    </message>
</context>
<context>
    <name>TreatmentFormDialog</name>
    <message>
        <location filename="../../clinic_desktop/ui/treatment_catalogue.py" line="76"/>
        <source>编辑项目</source>
        <translation>Edit treatment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/treatment_catalogue.py" line="76"/>
        <source>新增项目</source>
        <translation>New treatment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/treatment_catalogue.py" line="82"/>
        <source>到期提醒复诊，间隔</source>
        <translation>Recall reminder every</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/treatment_catalogue.py" line="85"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/treatment_catalogue.py" line="94"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/treatment_catalogue.py" line="95"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/treatment_catalogue.py" line="96"/>
        <source>复诊</source>
        <translation>Recall</translation>
    </message>
</context>
<context>
    <name>TreatmentTableModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/treatment_catalogue.py" line="38"/>
        <source>项目</source>
        <translation>Treatment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/treatment_catalogue.py" line="39"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/treatment_catalogue.py" line="40"/>
        <source>复诊间隔</source>
        <translation>Recall interval</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/treatment_catalogue.py" line="41"/>
        <source>到诊次数</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/treatment_catalogue.py" line="42"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/treatment_catalogue.py" line="51"/>
        <source>%1 天</source>
        <extracomment>the names the settings page and the tests use</extracomment>
        <translation>%1 days</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/treatment_catalogue.py" line="51"/>
        <source>不提醒</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/treatment_catalogue.py" line="52"/>
        <source>在用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/treatment_catalogue.py" line="52"/>
        <source>已停用</source>
        <translation>Inactive</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="153"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="154"/>
        <source>项目</source>
        <translation>Treatment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="155"/>
        <source>金额（元）</source>
        <translation>Amount (¥)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="156"/>
        <source>优惠券/活动</source>
        <translation>Coupon / campaign</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/quick_add_forms.py" line="157"/>
        <source>员工</source>
        <translation>Staff</translation>
    </message>
</context>
<context>
    <name>VisitsModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="142"/>
        <source>日期</source>
        <extracomment>the raw value a column sorts by the row&apos;s database id, for actions on the selected row</extracomment>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="143"/>
        <source>项目</source>
        <translation>Treatment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="144"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="145"/>
        <source>优惠券</source>
        <translation>Coupon</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/record_models.py" line="146"/>
        <source>员工</source>
        <translation>Staff</translation>
    </message>
</context>
</TS>
