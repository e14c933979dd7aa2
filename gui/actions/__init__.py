"""What the wizard does beside its pages: autosave and recovery, 备份到…, 从上年报告新建, background reading."""
