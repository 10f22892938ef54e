Vagrant.configure("2") do |config|
  config.vm.box = "debian/bookworm64"

  config.vm.define :controller, primary: true do |c|
    c.vm.hostname = "controller"
    c.vm.provider :libvirt do |lv, override|
      lv.memory = 2048
      lv.cpus = 2
      lv.cpu_mode = "host-passthrough"
      lv.machine_virtual_size = 40
      override.vm.box = "generic/debian12"
      override.ssh.username = "vagrant"
    end
  end

  config.vm.define :worker, autostart: false do |w|
    w.vm.hostname = "worker"
  end
end
