Vagrant.configure("2") do |config|
  config.vm.box = "generic/debian12"

  config.vm.provider :virtualbox do |vb, override|
    vb.memory = 1024
    override.vm.box = "debian/bookworm64"
  end

  config.vm.provider :libvirt do |lv, override|
    lv.memory = 1024
    lv.nested = true
    override.vm.synced_folder ".", "/vagrant", type: "nfs", nfs_version: 4
  end
end
